// SPDX-License-Identifier: GPL-3.0-or-later
// Corruption: every single-bit flip of every valid frame is rejected; double-bit flips that get past
// the CRC-16 are counted and none may change a stimulation parameter unnoticed.
#include "Sm4Generators.h"
#include "Sm4VectorSupport.h"

#include <catch2/catch.hpp>

#include <iostream>

using namespace galvani;
using namespace galvani::proto;
using namespace galvani::proto::sm4;
using namespace galvani::proto::sm4::test;

namespace {

struct Frame {
    Bytes wire;
    std::uint8_t pn = 0;
    std::variant<HostCommand, DeviceMessage> content;
};

std::vector<Frame> vectorFrames()
{
    std::vector<Frame> out;
    for (const auto& v : sm4Vectors()) {
        if (v.at("expect") != "accept") {
            continue;
        }
        const auto& fields = v.at("fields");
        const auto pn = fields.at("packet_number").get<std::uint8_t>();
        if (v.at("direction") == "host_to_device") {
            if (auto c = hostCommandFrom(fields)) {
                out.push_back({fromHex(v.at("hex")), pn, *c});
            }
        } else {
            out.push_back({fromHex(v.at("hex")), pn, *deviceMessageFrom(fields)});
        }
    }
    return out;
}

std::vector<Frame> generatedFrames()
{
    std::vector<Frame> out;
    const HostCodec host(Variant::ScienceMode4);
    const DeviceCodec device(Variant::ScienceMode4);
    for (const auto& c : boundaryCommands(Variant::ScienceMode4)) {
        out.push_back({encodeOrFail(host, c, 60), 60, c});
    }
    for (const auto& m : boundaryMessages(Variant::ScienceMode4)) {
        out.push_back({encodeOrFail(device, m, 35), 35, m});
    }
    Rng rng(1234);
    for (int i = 0; i < 200; ++i) {
        const auto pn = static_cast<std::uint8_t>(rng() % 64);
        const HostCommand c = randomCommand(rng, Variant::ScienceMode4);
        out.push_back({encodeOrFail(host, c, pn), pn, c});
        const DeviceMessage m = randomMessage(rng, Variant::ScienceMode4);
        out.push_back({encodeOrFail(device, m, pn), pn, m});
    }
    return out;
}

// Requests that change what the stimulator outputs (as opposed to queries).
bool affectsStimulation(const HostCommand& c)
{
    return std::holds_alternative<LlInit>(c) || std::holds_alternative<LlChannelConfig>(c)
        || std::holds_alternative<LlStop>(c) || std::holds_alternative<MlInit>(c) || std::holds_alternative<MlUpdate>(c)
        || std::holds_alternative<MlStop>(c) || std::holds_alternative<SetPower>(c) || std::holds_alternative<Reset>(c);
}

bool passedCrc(RejectReason r)
{
    return r == RejectReason::UnknownCommand || r == RejectReason::DataLength || r == RejectReason::FieldRange;
}

// Outcome of feeding one corrupted frame to the receiving side of its direction.
struct Outcome {
    int delivered = 0; // messages handed out
    int changed = 0; // ... that differ from the original (content or packet number)
    int changedStimulation = 0; // ... whose difference touches a stimulation request
    int semanticRejects = 0; // rejects after the CRC passed
    int successReplies = 0; // device replies with result ok to a corrupted request (must be 0)
};

class Receiver {
public:
    Outcome feed(const Frame& original, const Bytes& wire)
    {
        Outcome o;
        if (const auto* command = std::get_if<HostCommand>(&original.content)) {
            m_deviceEvents.clear();
            m_device.feed(wire, m_deviceEvents);
            m_device.flush(m_deviceEvents);
            for (const auto& e : m_deviceEvents) {
                if (const auto* r = std::get_if<Received<HostCommand>>(&e)) {
                    ++o.delivered;
                    if (r->message != *command || r->packetNumber != original.pn) {
                        ++o.changed;
                        if (affectsStimulation(*command) || affectsStimulation(r->message)) {
                            ++o.changedStimulation;
                        }
                    }
                } else {
                    const auto& rej = std::get<RejectedRequest>(e);
                    o.semanticRejects += passedCrc(rej.frame.reason) ? 1 : 0;
                    if (rej.reply && resultOf(rej.reply->message) == ResultCode::Ok) {
                        ++o.successReplies;
                    }
                }
            }
        } else {
            const auto& message = std::get<DeviceMessage>(original.content);
            m_hostEvents.clear();
            m_host.feed(wire, m_hostEvents);
            m_host.flush(m_hostEvents);
            for (const auto& e : m_hostEvents) {
                if (const auto* r = std::get_if<Received<DeviceMessage>>(&e)) {
                    ++o.delivered;
                    if (r->message != message || r->packetNumber != original.pn) {
                        ++o.changed;
                    }
                } else {
                    o.semanticRejects += passedCrc(std::get<Rejected>(e).reason) ? 1 : 0;
                }
            }
        }
        return o;
    }

private:
    DeviceCodec m_device{Variant::ScienceMode4};
    HostCodec m_host{Variant::ScienceMode4};
    std::vector<DeviceInbound> m_deviceEvents;
    std::vector<HostInbound> m_hostEvents;
};

void flip(Bytes& b, std::size_t bit)
{
    b[bit / 8] = static_cast<std::uint8_t>(b[bit / 8] ^ (1U << (bit % 8)));
}

} // namespace

TEST_CASE("sm4 corruption: the unmodified frames are delivered intact", "[protocols][sm4][corruption]")
{
    Receiver receiver;
    for (const auto& frames : {vectorFrames(), generatedFrames()}) {
        for (const auto& f : frames) {
            const Outcome o = receiver.feed(f, f.wire);
            CHECK(o.delivered == 1);
            CHECK(o.changed == 0);
        }
    }
}

TEST_CASE("sm4 corruption: every single-bit flip of every valid frame is rejected", "[protocols][sm4][corruption]")
{
    Receiver receiver;
    std::uint64_t flips = 0;
    std::uint64_t delivered = 0;
    std::uint64_t successReplies = 0;
    for (const auto& frames : {vectorFrames(), generatedFrames()}) {
        for (const auto& f : frames) {
            Bytes wire = f.wire;
            for (std::size_t bit = 0; bit < wire.size() * 8; ++bit) {
                flip(wire, bit);
                const Outcome o = receiver.feed(f, wire);
                flip(wire, bit);
                ++flips;
                delivered += static_cast<std::uint64_t>(o.delivered);
                successReplies += static_cast<std::uint64_t>(o.successReplies);
                if (o.delivered != 0) {
                    FAIL_CHECK("single flip delivered a message: bit " << bit << " of " << toHex(f.wire));
                }
            }
        }
    }
    std::cout << "sm4 single-bit flips: " << flips << " tried, " << delivered << " delivered\n";
    CHECK(flips > 100'000);
    CHECK(delivered == 0);
    CHECK(successReplies == 0);
}

TEST_CASE("sm4 corruption: double-bit flips that pass the CRC change no stimulation parameter",
    "[protocols][sm4][corruption]")
{
    // Exhaustive over every pair of bits of every vector frame (about 4.9 million corrupted frames,
    // most of them from the 351-byte measurement ack).
    Receiver receiver;
    std::uint64_t pairs = 0;
    std::uint64_t pastCrc = 0;
    std::uint64_t delivered = 0;
    std::uint64_t changed = 0;
    std::uint64_t changedStimulation = 0;
    std::uint64_t successReplies = 0;
    for (const auto& f : vectorFrames()) {
        Bytes wire = f.wire;
        const std::size_t bits = wire.size() * 8;
        for (std::size_t a = 0; a < bits; ++a) {
            flip(wire, a);
            for (std::size_t b = a + 1; b < bits; ++b) {
                flip(wire, b);
                const Outcome o = receiver.feed(f, wire);
                flip(wire, b);
                ++pairs;
                pastCrc += static_cast<std::uint64_t>(o.delivered + o.semanticRejects);
                delivered += static_cast<std::uint64_t>(o.delivered);
                changed += static_cast<std::uint64_t>(o.changed);
                changedStimulation += static_cast<std::uint64_t>(o.changedStimulation);
                successReplies += static_cast<std::uint64_t>(o.successReplies);
            }
            flip(wire, a);
        }
    }
    std::cout << "sm4 double-bit flips: " << pairs << " pairs, " << pastCrc << " frames past the CRC, " << delivered
              << " delivered (" << changed << " changed, " << changedStimulation << " changed a stimulation request)\n";
    CHECK(pairs > 1'000'000);
    CHECK(changedStimulation == 0);
    CHECK(changed == 0);
    CHECK(successReplies == 0);
}
