// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/sim/FaultSpec.h"

#include <array>
#include <charconv>
#include <cmath>
#include <optional>
#include <system_error>

namespace galvani::device::sim {
namespace {

struct KindInfo {
    FaultKind kind;
    std::string_view name;
    std::string_view form; // the allowed form, quoted in errors
};

constexpr std::array<KindInfo, 13> kKinds{{
    {FaultKind::OpenElectrode, "open-electrode", "open-electrode:CH (CH 1..8)"},
    {FaultKind::HighImpedance, "high-impedance", "high-impedance:CH:OHMS (CH 1..8, OHMS 1..10000000)"},
    {FaultKind::OverCurrent, "over-current", "over-current:CH (CH 1..8)"},
    {FaultKind::Stuck, "stuck", "stuck:CH (CH 1..8)"},
    {FaultKind::Drop, "drop", "drop:P[:rx|:tx] (P a probability per byte, 0 < P <= 1, e.g. 0.01 or 1%)"},
    {FaultKind::Corrupt, "corrupt", "corrupt:P[:rx|:tx] (P a probability per byte, 0 < P <= 1)"},
    {FaultKind::Duplicate, "duplicate", "duplicate:P[:rx|:tx] (P a probability per byte, 0 < P <= 1)"},
    {FaultKind::Delay, "delay", "delay:MS[:rx|:tx] (MS 1..60000)"},
    {FaultKind::Stall, "stall", "stall:P:MS[:rx|:tx] (P per chunk 0 < P <= 1, MS 1..60000)"},
    {FaultKind::AckDelay, "ack-delay", "ack-delay:MS (MS 1..60000)"},
    {FaultKind::DisconnectAfter, "disconnect-after", "disconnect-after:MS (MS 0..86400000 after stimulation starts)"},
    {FaultKind::Truncate, "truncate", "truncate:P[:rx|:tx] (P a probability per chunk, 0 < P <= 1)"},
    {FaultKind::Rechunk, "rechunk", "rechunk:P:MS[:rx|:tx] (P per byte 0 < P <= 1, MS 1..60000)"},
}};

const KindInfo& info(FaultKind kind)
{
    for (const auto& k : kKinds) {
        if (k.kind == kind) {
            return k;
        }
    }
    return kKinds.front();
}

std::vector<std::string_view> splitColons(std::string_view text)
{
    std::vector<std::string_view> parts;
    while (true) {
        const auto colon = text.find(':');
        parts.push_back(text.substr(0, colon));
        if (colon == std::string_view::npos) {
            return parts;
        }
        text.remove_prefix(colon + 1);
    }
}

std::optional<std::int64_t> parseFaultInteger(std::string_view text, std::int64_t min, std::int64_t max)
{
    std::int64_t value = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc() || ptr != end || value < min || value > max) {
        return std::nullopt;
    }
    return value;
}

// "0.01", "1e-3" or "1%"; 0 < p <= 1.
std::optional<double> parseProbability(std::string_view text)
{
    double scale = 1.0;
    if (!text.empty() && text.back() == '%') {
        scale = 0.01;
        text.remove_suffix(1);
    }
    double value = 0.0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc() || ptr != end || !std::isfinite(value)) {
        return std::nullopt;
    }
    value *= scale;
    if (!(value > 0.0) || value > 1.0) {
        return std::nullopt;
    }
    return value;
}

FaultSpecError error(std::string_view spec, const KindInfo& kind, std::string_view what)
{
    return FaultSpecError{"fault spec '" + std::string(spec) + "': " + std::string(what) + "; expected "
        + std::string(kind.form) + ", optionally followed by @MS (start delay 0..86400000)"};
}

std::string formatProbability(double p)
{
    std::array<char, 32> buffer{};
    const auto [ptr, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), p);
    return ec == std::errc() ? std::string(buffer.data(), ptr) : std::string("0");
}

std::string_view directionSuffix(LinkDirection d)
{
    switch (d) {
    case LinkDirection::Rx:
        return ":rx";
    case LinkDirection::Tx:
        return ":tx";
    case LinkDirection::Both:
        break;
    }
    return "";
}

} // namespace

bool isChannelFault(FaultKind kind)
{
    return kind == FaultKind::OpenElectrode || kind == FaultKind::HighImpedance || kind == FaultKind::OverCurrent
        || kind == FaultKind::Stuck;
}

bool isLinkFault(FaultKind kind)
{
    return kind == FaultKind::Drop || kind == FaultKind::Corrupt || kind == FaultKind::Duplicate
        || kind == FaultKind::Delay || kind == FaultKind::Stall || kind == FaultKind::Truncate
        || kind == FaultKind::Rechunk;
}

std::string_view faultName(FaultKind kind)
{
    return info(kind).name;
}

std::string FaultSpec::text() const
{
    std::string out(faultName(kind));
    switch (kind) {
    case FaultKind::OpenElectrode:
    case FaultKind::OverCurrent:
    case FaultKind::Stuck:
        out += ":" + std::to_string(channel);
        break;
    case FaultKind::HighImpedance:
        out += ":" + std::to_string(channel) + ":" + std::to_string(impedance.value());
        break;
    case FaultKind::Drop:
    case FaultKind::Corrupt:
    case FaultKind::Duplicate:
    case FaultKind::Truncate:
        out += ":" + formatProbability(probability);
        break;
    case FaultKind::Stall:
    case FaultKind::Rechunk:
        out += ":" + formatProbability(probability) + ":" + std::to_string(duration.count());
        break;
    case FaultKind::Delay:
    case FaultKind::AckDelay:
    case FaultKind::DisconnectAfter:
        out += ":" + std::to_string(duration.count());
        break;
    }
    if (isLinkFault(kind)) {
        out += directionSuffix(direction);
    }
    if (startAfter.count() > 0) {
        out += "@" + std::to_string(startAfter.count());
    }
    return out;
}

std::variant<FaultSpec, FaultSpecError> parseFaultSpec(std::string_view spec)
{
    std::string_view body = spec;
    FaultSpec out;
    if (const auto at = body.find('@'); at != std::string_view::npos) {
        const auto start = parseFaultInteger(body.substr(at + 1), 0, kMaxFaultStartMs);
        body = body.substr(0, at);
        const auto kindName = body.substr(0, body.find(':'));
        const KindInfo* kind = nullptr;
        for (const auto& k : kKinds) {
            kind = k.name == kindName ? &k : kind;
        }
        if (!start) {
            return error(spec, kind != nullptr ? *kind : kKinds.front(),
                "the start delay after '@' must be a whole number of milliseconds 0..86400000");
        }
        out.startAfter = std::chrono::milliseconds(*start);
    }
    auto parts = splitColons(body);
    const KindInfo* kind = nullptr;
    for (const auto& k : kKinds) {
        if (k.name == parts.front()) {
            kind = &k;
        }
    }
    if (kind == nullptr) {
        std::string known;
        for (const auto& k : kKinds) {
            known += known.empty() ? "" : ", ";
            known += k.name;
        }
        return FaultSpecError{"fault spec '" + std::string(spec) + "': unknown fault '" + std::string(parts.front())
            + "'; known faults: " + known};
    }
    out.kind = kind->kind;
    parts.erase(parts.begin());

    if (isLinkFault(out.kind) && !parts.empty()) {
        if (parts.back() == "rx" || parts.back() == "tx") {
            out.direction = parts.back() == "rx" ? LinkDirection::Rx : LinkDirection::Tx;
            parts.pop_back();
        }
    }
    const bool twoFields
        = out.kind == FaultKind::HighImpedance || out.kind == FaultKind::Stall || out.kind == FaultKind::Rechunk;
    const std::size_t wanted = twoFields ? 2 : 1;
    if (parts.size() != wanted) {
        return error(spec, *kind, "wrong number of fields");
    }
    if (isChannelFault(out.kind)) {
        const auto channel = parseFaultInteger(parts[0], 1, kMaxFaultChannel);
        if (!channel) {
            return error(spec, *kind, "channel '" + std::string(parts[0]) + "' is not a channel number 1..8");
        }
        out.channel = static_cast<int>(*channel);
        if (out.kind == FaultKind::HighImpedance) {
            const auto ohms = parseFaultInteger(parts[1], 1, kMaxFaultImpedanceOhms);
            if (!ohms) {
                return error(spec, *kind, "impedance '" + std::string(parts[1]) + "' is not 1..10000000 ohms");
            }
            out.impedance = core::Ohms(*ohms);
        }
        return out;
    }
    const bool probabilistic = out.kind == FaultKind::Drop || out.kind == FaultKind::Corrupt
        || out.kind == FaultKind::Duplicate || out.kind == FaultKind::Stall || out.kind == FaultKind::Truncate
        || out.kind == FaultKind::Rechunk;
    if (probabilistic) {
        const auto p = parseProbability(parts[0]);
        if (!p) {
            return error(spec, *kind, "probability '" + std::string(parts[0]) + "' is not in 0 < P <= 1");
        }
        out.probability = *p;
        if (out.kind != FaultKind::Stall && out.kind != FaultKind::Rechunk) {
            return out;
        }
        parts.erase(parts.begin());
    }
    const std::int64_t min = out.kind == FaultKind::DisconnectAfter ? 0 : 1;
    const std::int64_t max = out.kind == FaultKind::DisconnectAfter ? kMaxFaultStartMs : kMaxFaultDelayMs;
    const auto ms = parseFaultInteger(parts[0], min, max);
    if (!ms) {
        return error(spec, *kind, "time '" + std::string(parts[0]) + "' is out of range");
    }
    out.duration = std::chrono::milliseconds(*ms);
    return out;
}

std::variant<std::vector<FaultSpec>, FaultSpecError> parseFaultList(std::string_view specs)
{
    std::vector<FaultSpec> out;
    while (true) {
        const auto comma = specs.find(',');
        const auto one = specs.substr(0, comma);
        auto parsed = parseFaultSpec(one);
        if (auto* e = std::get_if<FaultSpecError>(&parsed)) {
            return std::move(*e);
        }
        out.push_back(std::get<FaultSpec>(parsed));
        if (comma == std::string_view::npos) {
            return out;
        }
        specs.remove_prefix(comma + 1);
    }
}

std::string_view faultSpecHelp()
{
    return "Fault specs (repeat --fault, or separate with commas; append @MS to start a fault MS ms after\n"
           "it is applied, e.g. open-electrode:3@2000):\n"
           "  open-electrode:CH        lead-off on channel CH (1..8): ScienceMode2 StimulationError -2,\n"
           "                           ScienceMode4 mid level channel state 1, low level ack result 10\n"
           "                           (detected from 15 mA up, as on the real device)\n"
           "  high-impedance:CH:OHMS   load of channel CH becomes OHMS (1..10000000): current clipped at\n"
           "                           compliance voltage / OHMS; mid level channel state 3 (low current)\n"
           "  over-current:CH          output stage of CH overshoots (x1.5); the device trips: output off,\n"
           "                           ScienceMode2 StimulationError -3, ScienceMode4 result 8, level reset\n"
           "  stuck:CH                 output level of CH freezes; amplitude commands are acknowledged but\n"
           "                           not followed (visible in measured current only)\n"
           "  drop:P[:rx|:tx]          each byte is lost with probability P (0 < P <= 1, 0.01 or 1%)\n"
           "  corrupt:P[:rx|:tx]       each byte gets one bit flipped with probability P\n"
           "  duplicate:P[:rx|:tx]     each byte is delivered twice with probability P\n"
           "  delay:MS[:rx|:tx]        every byte arrives MS ms late (1..60000)\n"
           "  stall:P:MS[:rx|:tx]      each chunk pauses the link for MS ms with probability P\n"
           "  truncate:P[:rx|:tx]      each chunk loses its tail (from a random byte on) with probability P\n"
           "  rechunk:P:MS[:rx|:tx]    chunk boundaries move: a cut after each byte with probability P, the\n"
           "                           pieces leave 0..MS ms apart and pieces due together leave as one\n"
           "  ack-delay:MS             every reply of the device is sent MS ms late (1..60000)\n"
           "  disconnect-after:MS      the device drops the link MS ms after stimulation starts\n"
           "Link faults act both ways unless :rx (host to device) or :tx (device to host) is given.\n";
}

} // namespace galvani::device::sim
