// SPDX-License-Identifier: GPL-3.0-or-later
// Bit flips on valid frames. Every single-bit flip must be rejected. Double-bit flips are counted:
// CRC-8 (x^8+x^2+x+1 = (x+1)·primitive degree 7) has a period of 127 bits, so two flips exactly a
// multiple of 127 bits apart in a long body cancel in the checksum. Those frames are only caught by a
// semantic check (length, escape structure, field range) or, on the real link, by the 8E1 parity bit
// of each of the two bytes hit. The test counts every class and asserts the guarantees that hold:
//   - a double flip inside one byte (parity cannot see it) is always rejected (CRC catches all bursts
//     of ≤ 8 bits);
//   - frames whose CRC-covered part is ≤ 127 bits (every host-bound message but long opaque MOTOmed
//     ones, and every command except StartChannelListMode with ≥ 4 entries) never deliver a
//     double-flipped frame;
//   - whatever is delivered after a double flip has its two flips in two different bytes.
#include "Sm2TestSupport.h"

#include "protocols/common/Crc.h"

#include <catch2/catch.hpp>

#include <cstdio>

using namespace galvani::proto;
using namespace galvani::proto::sm2;
using namespace sm2test;

namespace {

struct Sample {
    std::string name;
    Bytes wire;
    bool hostBound = false; // device → host frame (decoded by HostCodec)
};

bool isStimulationCommand(const HostCommand& c)
{
    return std::holds_alternative<InitChannelListMode>(c) || std::holds_alternative<StartChannelListMode>(c)
        || std::holds_alternative<SinglePulse>(c);
}

// Outcome of feeding one corrupted frame (plus flush) to a fresh codec.
struct Outcome {
    int delivered = 0; // messages/commands delivered
    int deliveredNonMotomed = 0; // of those, anything our app acts on
    bool stimulationChange = false; // a delivered command sets stimulation parameters
    bool semanticReject = false; // passed LEN and CRC, refused by a content check
};

Outcome run(const Sample& s, const Bytes& wire)
{
    Outcome o;
    if (s.hostBound) {
        for (const auto& e : feedHost(wire)) {
            if (const auto* r = std::get_if<ReceivedMessage>(&e)) {
                ++o.delivered;
                o.deliveredNonMotomed += std::holds_alternative<MotomedMessage>(r->message) ? 0 : 1;
            } else if (std::get<FrameReject>(e).transferValid) {
                o.semanticReject = true;
            }
        }
    } else {
        for (const auto& e : feedDevice(wire)) {
            if (const auto* r = std::get_if<ReceivedCommand>(&e)) {
                ++o.delivered;
                o.stimulationChange = o.stimulationChange || isStimulationCommand(r->command);
            } else if (std::get<RejectedCommand>(e).reject.transferValid) {
                o.semanticReject = true;
            }
        }
    }
    return o;
}

std::vector<Sample> samples()
{
    std::vector<Sample> out;
    for (const auto& v : vectors()) {
        if (v.at("expect") != "accept" || v.at("fields").at("command_name") == "unknown") {
            continue;
        }
        out.push_back({v.at("name").get<std::string>(), fromHex(v.at("hex")), v.at("direction") == "device_to_host"});
    }
    std::mt19937 rng(110);
    for (int i = 0; i < 24; ++i) {
        const auto start = randomStart(rng, 1 + i % 8);
        HostCodec host;
        REQUIRE(host.encode(initFor(rng, start), 0).hasValue());
        out.push_back(
            {"generated start " + std::to_string(i), host.encode(start, static_cast<std::uint8_t>(i)).value(), false});
        InitChannelListMode context = initFor(rng, start);
        HostCodec other;
        REQUIRE(other.encode(context, 0).hasValue());
        out.push_back({"generated command " + std::to_string(i),
            other.encode(randomHostCommand(rng, context), static_cast<std::uint8_t>(i * 7)).value(), false});
        const DeviceCodec device;
        out.push_back({"generated message " + std::to_string(i),
            device.encode(randomDeviceMessage(rng), static_cast<std::uint8_t>(i * 11)).value(), true});
    }
    return out;
}

Bytes flipped(Bytes wire, std::size_t bit)
{
    wire[bit / 8] = static_cast<std::uint8_t>(wire[bit / 8] ^ (0x80U >> (bit % 8)));
    return wire;
}

} // namespace

TEST_CASE("SM2 corruption: every single-bit flip of every valid frame is rejected", "[protocols][sm2][corruption]")
{
    std::size_t flips = 0;
    for (const auto& s : samples()) {
        INFO(s.name);
        REQUIRE(run(s, s.wire).delivered == 1);
        for (std::size_t bit = 0; bit < s.wire.size() * 8; ++bit) {
            INFO("bit " << bit);
            REQUIRE(run(s, flipped(s.wire, bit)).delivered == 0);
            ++flips;
        }
    }
    CHECK(flips > 10000);
}

TEST_CASE("SM2 corruption: double-bit flips", "[protocols][sm2][corruption]")
{
    std::uint64_t pairs = 0;
    std::uint64_t passedCrc = 0; // LEN and CRC fine after the two flips
    std::uint64_t semanticRejects = 0; // of those, refused by a content check
    std::uint64_t delivered = 0; // of those, delivered as a (different) message
    std::uint64_t deliveredStimulation = 0;
    std::uint64_t deliveredSameByte = 0;
    std::uint64_t deliveredShortFrame = 0;
    std::uint64_t deliveredHostBound = 0; // host-bound messages other than opaque MOTOmed ones
    for (const auto& s : samples()) {
        INFO(s.name);
        // CRC-covered bits: escaped body + the CRC byte.
        const bool shortFrame = (s.wire.size() - 6) * 8 + 8 <= 127;
        const std::size_t bits = s.wire.size() * 8;
        for (std::size_t a = 0; a < bits; ++a) {
            const auto once = flipped(s.wire, a);
            for (std::size_t b = a + 1; b < bits; ++b) {
                ++pairs;
                const auto o = run(s, flipped(once, b));
                if (o.delivered == 0 && !o.semanticReject) {
                    continue;
                }
                ++passedCrc;
                if (o.delivered == 0) {
                    ++semanticRejects;
                    continue;
                }
                ++delivered;
                deliveredStimulation += o.stimulationChange ? 1 : 0;
                deliveredSameByte += a / 8 == b / 8 ? 1 : 0;
                deliveredShortFrame += shortFrame ? 1 : 0;
                deliveredHostBound += s.hostBound && o.deliveredNonMotomed > 0 ? 1 : 0;
            }
        }
    }
    std::printf("SM2 double-bit flips: %llu pairs, %llu passed LEN+CRC, %llu refused by a semantic check, "
                "%llu delivered (%llu setting stimulation parameters), all with flips in two different bytes "
                "(caught by 8E1 parity on the link)\n",
        static_cast<unsigned long long>(pairs), static_cast<unsigned long long>(passedCrc),
        static_cast<unsigned long long>(semanticRejects), static_cast<unsigned long long>(delivered),
        static_cast<unsigned long long>(deliveredStimulation));
    CHECK(pairs > 1000000);
    CHECK(deliveredSameByte == 0);
    CHECK(deliveredShortFrame == 0);
    CHECK(deliveredHostBound == 0);
}

TEST_CASE("SM2 corruption: CRC-8 polynomial 0x07 has period 127 (why long frames need more than the CRC)",
    "[protocols][sm2][corruption]")
{
    // Smallest n > 0 with x^n ≡ 1 mod x^8+x^2+x+1.
    unsigned r = 1;
    int period = 0;
    for (int n = 1; n <= 255; ++n) {
        r <<= 1U;
        if ((r & 0x100U) != 0) {
            r ^= 0x107U;
        }
        if (r == 1) {
            period = n;
            break;
        }
    }
    CHECK(period == 127);
    // Hence two flips 127 bits apart in a body pass the CRC: demonstrate on a 20-byte body.
    Bytes body(20);
    for (std::size_t i = 0; i < body.size(); ++i) {
        body[i] = static_cast<std::uint8_t>(i * 37 + 5);
    }
    const auto crc = galvani::proto::crc8Smbus(body);
    CHECK(galvani::proto::crc8Smbus(flipped(flipped(body, 3), 3 + 127)) == crc);
    CHECK(galvani::proto::crc8Smbus(flipped(flipped(body, 3), 3 + 126)) != crc);
}
