// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/sim/SimulatorConfig.h"

#include <charconv>
#include <cmath>
#include <system_error>

namespace galvani::device::sim {
namespace {

using namespace std::chrono_literals;

constexpr std::int64_t kMaxLoadOhms = 10'000'000;
constexpr double kMaxCapacitanceNanofarads = 100'000.0; // 100 µF
constexpr double kMaxChannelErrorPercent = 50.0;
constexpr std::int64_t kMaxOffsetErrorUa = 10'000;
constexpr std::int64_t kMaxLeakUa = 10'000;
constexpr std::int64_t kMinWatchdogMs = 50;
constexpr std::int64_t kMaxNoiseUa = 5'000;
constexpr std::size_t kMaxSerialLength = 10; // ScienceMode4 Get_device_id carries 10 ASCII bytes

std::optional<std::int64_t> parseInteger(std::string_view text, std::int64_t min, std::int64_t max)
{
    if (!text.empty() && text.front() == '+') {
        text.remove_prefix(1);
    }
    std::int64_t value = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc() || ptr != end || value < min || value > max) {
        return std::nullopt;
    }
    return value;
}

std::optional<double> parseDecimal(std::string_view text)
{
    if (!text.empty() && text.front() == '+') {
        text.remove_prefix(1);
    }
    double value = 0.0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value, std::chars_format::fixed);
    if (text.empty() || ec != std::errc() || ptr != end || !std::isfinite(value)) {
        return std::nullopt;
    }
    return value;
}

std::string quote(std::string_view key, std::string_view value)
{
    return std::string(key) + " '" + std::string(value) + "'";
}

// "CH:REST" with CH 1..channels; returns the channel index (0-based) and REST.
std::variant<std::pair<std::size_t, std::string_view>, std::string> splitChannel(
    const SimulatorConfig& config, std::string_view key, std::string_view item, std::string_view form)
{
    const auto colon = item.find(':');
    if (colon == std::string_view::npos) {
        return quote(key, item) + " must have the form " + std::string(form);
    }
    const auto channel = parseInteger(item.substr(0, colon), 1, config.channels);
    if (!channel) {
        return quote(key, item) + ": channel must be 1.." + std::to_string(config.channels) + "; expected "
            + std::string(form);
    }
    return std::pair{static_cast<std::size_t>(*channel - 1), item.substr(colon + 1)};
}

template <typename Fn>
std::optional<std::string> forEachItem(std::string_view list, Fn&& fn)
{
    while (true) {
        const auto comma = list.find(',');
        if (auto e = fn(list.substr(0, comma))) {
            return e;
        }
        if (comma == std::string_view::npos) {
            return std::nullopt;
        }
        list.remove_prefix(comma + 1);
    }
}

// "CH:+P%" for option `key` (gain-error, width-error): the channel's error as a fraction, stored through `field`.
std::optional<std::string> applyPercentError(
    SimulatorConfig& config, std::string_view key, std::string_view item, double ChannelError::*field)
{
    constexpr std::string_view kForm = "CH:+P% or CH:-P% (P 0..50, e.g. 3:+15%)";
    auto split = splitChannel(config, key, item, kForm);
    if (auto* e = std::get_if<std::string>(&split)) {
        return *e;
    }
    auto [index, rest] = std::get<0>(split);
    if (rest.empty() || rest.back() != '%') {
        return quote(key, item) + " must have the form " + std::string(kForm);
    }
    rest.remove_suffix(1);
    const auto percent = parseDecimal(rest);
    if (!percent || std::fabs(*percent) > kMaxChannelErrorPercent) {
        return quote(key, item) + ": the error must be -50..+50 %; expected " + std::string(kForm);
    }
    config.errors[index].*field = *percent / 100.0;
    return std::nullopt;
}

// "CH:<number>mA" or "CH:<number>uA" for option `key`: the channel index and the current in µA, or why not.
std::variant<std::pair<std::size_t, double>, std::string> splitChannelCurrent(
    const SimulatorConfig& config, std::string_view key, std::string_view item, std::string_view form)
{
    auto split = splitChannel(config, key, item, form);
    if (auto* e = std::get_if<std::string>(&split)) {
        return *e;
    }
    auto [index, rest] = std::get<0>(split);
    double scale = 0.0;
    if (rest.ends_with("mA")) {
        scale = 1000.0;
    } else if (rest.ends_with("uA")) {
        scale = 1.0;
    } else {
        return quote(key, item) + " needs a unit; expected " + std::string(form);
    }
    rest.remove_suffix(2);
    const auto value = parseDecimal(rest);
    if (!value) {
        return quote(key, item) + ": '" + std::string(rest) + "' is not a number; expected " + std::string(form);
    }
    return std::pair{index, *value * scale};
}

std::optional<std::string> applyOffsetError(SimulatorConfig& config, std::string_view item)
{
    constexpr std::string_view kForm = "CH:+XmA, CH:-XmA or CH:+XuA (|X| <= 10 mA, e.g. 2:-0.5mA)";
    const auto parsed = splitChannelCurrent(config, "offset-error", item, kForm);
    if (const auto* e = std::get_if<std::string>(&parsed)) {
        return *e;
    }
    const auto [index, ua] = std::get<0>(parsed);
    if (std::fabs(ua) > static_cast<double>(kMaxOffsetErrorUa)) {
        return quote("offset-error", item) + ": the offset must be within +-10 mA; expected " + std::string(kForm);
    }
    config.errors[index].offset = core::Microamps(static_cast<std::int64_t>(std::lround(ua)));
    return std::nullopt;
}

std::optional<std::string> applyLeak(SimulatorConfig& config, std::string_view item)
{
    constexpr std::string_view kForm = "CH:XmA or CH:XuA (0 <= X <= 10 mA, e.g. 3:0.6mA)";
    const auto parsed = splitChannelCurrent(config, "leak", item, kForm);
    if (const auto* e = std::get_if<std::string>(&parsed)) {
        return *e;
    }
    const auto [index, ua] = std::get<0>(parsed);
    if (ua < 0.0 || ua > static_cast<double>(kMaxLeakUa)) {
        return quote("leak", item) + ": the leak must be 0..10 mA; expected " + std::string(kForm);
    }
    config.errors[index].leak = core::Microamps(static_cast<std::int64_t>(std::lround(ua)));
    return std::nullopt;
}

std::optional<std::string> applyLoad(SimulatorConfig& config, std::string_view item)
{
    constexpr std::string_view kForm = "CH:OHMS or CH:OHMS:NF (OHMS 1..10000000, NF capacitance 0..100000 nF)";
    auto split = splitChannel(config, "load", item, kForm);
    if (auto* e = std::get_if<std::string>(&split)) {
        return *e;
    }
    auto [index, rest] = std::get<0>(split);
    const auto colon = rest.find(':');
    const auto ohms = parseInteger(rest.substr(0, colon), 1, kMaxLoadOhms);
    if (!ohms) {
        return quote("load", item) + ": resistance must be 1..10000000 ohms; expected " + std::string(kForm);
    }
    config.loads[index].resistance = core::Ohms(*ohms);
    if (colon != std::string_view::npos) {
        auto nf = rest.substr(colon + 1);
        if (nf.ends_with("nF")) {
            nf.remove_suffix(2);
        }
        const auto value = parseDecimal(nf);
        if (!value || *value < 0.0 || *value > kMaxCapacitanceNanofarads) {
            return quote("load", item) + ": capacitance must be 0..100000 nF; expected " + std::string(kForm);
        }
        config.loads[index].capacitanceNanofarads = *value;
    }
    return std::nullopt;
}

bool isSerialCharacter(char c)
{
    return c > 0x20 && c < 0x7f;
}

} // namespace

std::optional<SimProtocol> simProtocolFromId(std::string_view id)
{
    if (id == "sciencemode2") {
        return SimProtocol::ScienceMode2;
    }
    if (id == "sciencemode3") {
        return SimProtocol::ScienceMode3;
    }
    if (id == "sciencemode4") {
        return SimProtocol::ScienceMode4;
    }
    return std::nullopt;
}

std::string_view simProtocolId(SimProtocol protocol)
{
    switch (protocol) {
    case SimProtocol::ScienceMode2:
        return "sciencemode2";
    case SimProtocol::ScienceMode3:
        return "sciencemode3";
    case SimProtocol::ScienceMode4:
        break;
    }
    return "sciencemode4";
}

int maxChannels(SimProtocol protocol)
{
    return protocol == SimProtocol::ScienceMode3 ? 4 : 8;
}

std::chrono::milliseconds defaultWatchdog(SimProtocol protocol)
{
    return protocol == SimProtocol::ScienceMode2 ? 1200ms : 2000ms;
}

SimulatorConfig defaultConfig(SimProtocol protocol)
{
    SimulatorConfig config;
    config.protocol = protocol;
    config.channels = maxChannels(protocol);
    return config;
}

std::optional<std::string> applySimOption(SimulatorConfig& config, std::string_view key, std::string_view value)
{
    if (key == "channels") {
        const int max = maxChannels(config.protocol);
        const auto n = parseInteger(value, 1, max);
        if (!n) {
            return quote(key, value) + " must be 1.." + std::to_string(max) + " for "
                + std::string(simProtocolId(config.protocol));
        }
        config.channels = static_cast<int>(*n);
        return std::nullopt;
    }
    if (key == "load-ohms") {
        const auto ohms = parseInteger(value, 1, kMaxLoadOhms);
        if (!ohms) {
            return quote(key, value) + " must be 1..10000000 ohms";
        }
        for (auto& load : config.loads) {
            load.resistance = core::Ohms(*ohms);
        }
        return std::nullopt;
    }
    if (key == "load") {
        return forEachItem(value, [&](std::string_view item) { return applyLoad(config, item); });
    }
    if (key == "gain-error") {
        return forEachItem(
            value, [&](std::string_view item) { return applyPercentError(config, key, item, &ChannelError::gain); });
    }
    if (key == "width-error") {
        return forEachItem(
            value, [&](std::string_view item) { return applyPercentError(config, key, item, &ChannelError::width); });
    }
    if (key == "offset-error") {
        return forEachItem(value, [&](std::string_view item) { return applyOffsetError(config, item); });
    }
    if (key == "leak") {
        return forEachItem(value, [&](std::string_view item) { return applyLeak(config, item); });
    }
    if (key == "serial") {
        bool printable = true;
        for (const char c : value) {
            printable = printable && isSerialCharacter(c);
        }
        if (value.empty() || value.size() > kMaxSerialLength || !printable) {
            return quote(key, value) + " must be 1..10 printable ASCII characters without spaces";
        }
        config.serial = std::string(value);
        return std::nullopt;
    }
    if (key == "watchdog-ms") {
        const auto limit = defaultWatchdog(config.protocol).count();
        const auto ms = parseInteger(value, kMinWatchdogMs, limit);
        if (!ms) {
            return quote(key, value) + " must be " + std::to_string(kMinWatchdogMs) + ".." + std::to_string(limit)
                + " ms (never longer than the real device's " + std::to_string(limit) + " ms)";
        }
        config.watchdog = std::chrono::milliseconds(*ms);
        return std::nullopt;
    }
    if (key == "fault") {
        auto parsed = parseFaultList(value);
        if (auto* e = std::get_if<FaultSpecError>(&parsed)) {
            return "fault: " + e->message;
        }
        for (const auto& spec : std::get<std::vector<FaultSpec>>(parsed)) {
            if (isChannelFault(spec.kind) && spec.channel > config.channels) {
                return "fault '" + spec.text() + "': channel " + std::to_string(spec.channel)
                    + " does not exist; channels are 1.." + std::to_string(config.channels);
            }
            config.faults.push_back(spec);
        }
        return std::nullopt;
    }
    if (key == "seed") {
        std::uint64_t seed = 0;
        const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), seed);
        if (value.empty() || ec != std::errc() || ptr != value.data() + value.size()) {
            return quote(key, value) + " must be a whole number 0..18446744073709551615";
        }
        config.seed = seed;
        return std::nullopt;
    }
    if (key == "battery") {
        const auto percent = parseInteger(value, 0, 100);
        if (!percent) {
            return quote(key, value) + " must be 0..100 (percent)";
        }
        config.batteryPercent = static_cast<int>(*percent);
        return std::nullopt;
    }
    if (key == "noise-ua") {
        const auto ua = parseInteger(value, 0, kMaxNoiseUa);
        if (!ua) {
            return quote(key, value) + " must be 0..5000 (microamps)";
        }
        config.noise = core::Microamps(*ua);
        return std::nullopt;
    }
    return "unknown simulator option '" + std::string(key)
        + "'; known: channels, load-ohms, load, serial, watchdog-ms, gain-error, offset-error, width-error, leak, "
          "fault, "
          "seed, battery, noise-ua";
}

std::variant<SimulatorConfig, std::string> configFromOptions(
    SimProtocol protocol, const std::map<std::string, std::string>& options)
{
    SimulatorConfig config = defaultConfig(protocol);
    // channels first (channel numbers are checked against it), then load-ohms (so per-channel load=
    // items override it), then the rest.
    for (const char* first : {"channels", "load-ohms"}) {
        if (const auto it = options.find(first); it != options.end()) {
            if (auto e = applySimOption(config, it->first, it->second)) {
                return "device URL option " + *e;
            }
        }
    }
    for (const auto& [key, value] : options) {
        if (key == "channels" || key == "load-ohms") {
            continue;
        }
        if (auto e = applySimOption(config, key, value)) {
            return "device URL option " + *e;
        }
    }
    return config;
}

std::string_view simOptionHelp()
{
    return "  channels=N             output channels (sciencemode2/4: 1..8, sciencemode3: 1..4)\n"
           "  load-ohms=R            load resistance of every channel (1..10000000, default 1000)\n"
           "  load=CH:OHMS[:NF]      one channel's load, optionally its capacitance in nF (default 100)\n"
           "  serial=S               serial number / device id (1..10 ASCII characters, default GSIM-0001)\n"
           "  watchdog-ms=MS         stricter watchdog (50..1200 sciencemode2, 50..2000 sciencemode3/4)\n"
           "  gain-error=CH:+P%      channel CH delivers (1+P/100) x commanded (P -50..+50)\n"
           "  offset-error=CH:+XmA   channel CH delivers X mA more (or uA; |X| <= 10 mA)\n"
           "  width-error=CH:+P%     channel CH's phases last (1+P/100) x commanded (P -50..+50)\n"
           "  leak=CH:XmA            channel CH drives X mA while commanded to 0 mA (or uA; X <= 10 mA)\n"
           "  fault=SPEC             inject a fault (see below)\n"
           "  seed=N                 random seed for noise and link faults (default 1)\n"
           "  battery=PCT            battery level in percent (default 87)\n"
           "  noise-ua=N             standard deviation of measured-current noise (default 20 uA)\n";
}

} // namespace galvani::device::sim
