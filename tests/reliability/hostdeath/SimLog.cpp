// SPDX-License-Identifier: GPL-3.0-or-later
#include "SimLog.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <string_view>

namespace galvani::test::hostdeath {

std::optional<std::int64_t> simStampMs(const std::string& line)
{
    static const std::string prefix = "galvani-sim ";
    if (line.compare(0, prefix.size(), prefix) != 0) {
        return std::nullopt;
    }
    const auto dot = line.find('.', prefix.size());
    const auto space = line.find(' ', prefix.size());
    if (dot == std::string::npos || space == std::string::npos || dot > space || space - dot != 4) {
        return std::nullopt;
    }
    char* end = nullptr;
    const long long seconds = std::strtoll(line.c_str() + prefix.size(), &end, 10);
    if (end != line.c_str() + dot) {
        return std::nullopt;
    }
    const long long millis = std::strtoll(line.c_str() + dot + 1, &end, 10);
    if (end != line.c_str() + space) {
        return std::nullopt;
    }
    return static_cast<std::int64_t>(seconds * 1000 + millis);
}

SteadyClock::time_point simOrigin(const Child& sim)
{
    std::optional<SteadyClock::time_point> origin;
    for (const auto& line : sim.err()) {
        if (const auto ms = simStampMs(line.text)) {
            const auto candidate = line.at - std::chrono::milliseconds(*ms);
            origin = origin ? std::min(*origin, candidate) : candidate;
        }
    }
    return origin.value_or(SteadyClock::time_point{});
}

std::string causeOf(const std::string& line)
{
    static const std::string key = "output stopped (";
    const auto open = line.find(key);
    if (open == std::string::npos) {
        return {};
    }
    const auto from = open + key.size();
    const auto end = line.find_first_of(":)", from);
    return line.substr(from, end == std::string::npos ? std::string::npos : end - from);
}

std::optional<std::chrono::microseconds> silentFor(const std::string& stopLine)
{
    static const std::string key = "no pulse for ";
    const auto at = stopLine.find(key);
    if (at == std::string::npos) {
        return std::nullopt;
    }
    char* end = nullptr;
    const double value = std::strtod(stopLine.c_str() + at + key.size(), &end);
    if (end == stopLine.c_str() + at + key.size()) {
        return std::nullopt;
    }
    const bool micro = std::string_view(end).rfind(" us", 0) == 0; // SimText formatDuration: "850 us", "31.2 ms"
    return std::chrono::microseconds(std::llround(micro ? value : value * 1000.0));
}

std::string withoutNumbers(const std::string& text)
{
    std::string out;
    for (const char c : text) {
        if (std::isdigit(static_cast<unsigned char>(c)) == 0) {
            out += c;
        } else if (out.empty() || out.back() != 'N') {
            out += 'N';
        }
    }
    return out;
}

std::optional<SteadyClock::time_point> SimTimeline::at(std::size_t i) const
{
    const auto ms = simStampMs(m_sim.err()[i].text);
    return ms ? std::optional(m_origin + std::chrono::milliseconds(*ms)) : std::nullopt;
}

bool SimTimeline::isState(const std::string& text)
{
    return text.find(" state ") != std::string::npos;
}

bool SimTimeline::isOn(const std::string& text)
{
    return text.find(" state stimulating") != std::string::npos;
}

bool SimTimeline::onAt(SteadyClock::time_point t) const
{
    bool on = false;
    for (std::size_t i = m_from; i < m_sim.err().size(); ++i) {
        const auto& text = m_sim.err()[i].text;
        const auto when = at(i);
        if (isState(text) && when && *when <= t) {
            on = isOn(text);
        }
    }
    return on;
}

std::optional<std::size_t> SimTimeline::firstAfter(SteadyClock::time_point t, bool wantOn) const
{
    for (std::size_t i = m_from; i < m_sim.err().size(); ++i) {
        const auto& text = m_sim.err()[i].text;
        const auto when = at(i);
        if (isState(text) && when && *when > t && isOn(text) == wantOn) {
            return i;
        }
    }
    return std::nullopt;
}

std::string SimTimeline::stopLineBefore(std::size_t i) const
{
    for (std::size_t j = i + 1; j-- > m_from;) {
        if (m_sim.err()[j].text.find("output stopped (") != std::string::npos) {
            return m_sim.err()[j].text;
        }
    }
    return {};
}

} // namespace galvani::test::hostdeath
