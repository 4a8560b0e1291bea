// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/sim/FaultSpec.h"

#include <catch2/catch.hpp>

#include <string>
#include <variant>

using namespace galvani::device::sim;

namespace {

FaultSpec parsed(std::string_view text)
{
    auto result = parseFaultSpec(text);
    if (const auto* e = std::get_if<FaultSpecError>(&result)) {
        FAIL("'" << std::string(text) << "' refused: " << e->message);
    }
    return std::get<FaultSpec>(result);
}

std::string refusal(std::string_view text)
{
    auto result = parseFaultSpec(text);
    REQUIRE(std::holds_alternative<FaultSpecError>(result));
    return std::get<FaultSpecError>(result).message;
}

} // namespace

TEST_CASE("fault specs parse into their fields", "[device][sim][faultspec]")
{
    auto f = parsed("open-electrode:3");
    CHECK(f.kind == FaultKind::OpenElectrode);
    CHECK(f.channel == 3);
    CHECK(f.startAfter.count() == 0);

    f = parsed("high-impedance:2:20000");
    CHECK(f.kind == FaultKind::HighImpedance);
    CHECK(f.channel == 2);
    CHECK(f.impedance.value() == 20000);

    f = parsed("drop:0.01");
    CHECK(f.kind == FaultKind::Drop);
    CHECK(f.probability == Approx(0.01));
    CHECK(f.direction == LinkDirection::Both);

    CHECK(parsed("corrupt:0.1%").probability == Approx(0.001));
    CHECK(parsed("duplicate:1:tx").direction == LinkDirection::Tx);
    CHECK(parsed("delay:200:rx").duration.count() == 200);
    f = parsed("stall:0.5:120");
    CHECK(f.probability == Approx(0.5));
    CHECK(f.duration.count() == 120);
    CHECK(parsed("ack-delay:300").kind == FaultKind::AckDelay);
    CHECK(parsed("disconnect-after:5000").duration.count() == 5000);
    CHECK(parsed("over-current:1").kind == FaultKind::OverCurrent);
    f = parsed("stuck:4@1500");
    CHECK(f.kind == FaultKind::Stuck);
    CHECK(f.channel == 4);
    CHECK(f.startAfter.count() == 1500);
}

TEST_CASE("fault spec text round-trips", "[device][sim][faultspec]")
{
    for (const char* text :
        {"open-electrode:3", "high-impedance:2:20000@10", "drop:0.01", "corrupt:0.001:rx", "duplicate:0.5:tx",
            "delay:200", "stall:0.25:100", "ack-delay:300", "disconnect-after:0", "over-current:1", "stuck:8@5"}) {
        const auto f = parsed(text);
        CHECK(f.text() == text);
        CHECK(parsed(f.text()) == f);
    }
}

TEST_CASE("fault spec errors name the spec and the allowed form", "[device][sim][faultspec]")
{
    auto message = refusal("open-electrode:9");
    CHECK(message.find("'open-electrode:9'") != std::string::npos);
    CHECK(message.find("open-electrode:CH (CH 1..8)") != std::string::npos);

    message = refusal("melt:1");
    CHECK(message.find("unknown fault 'melt'") != std::string::npos);
    CHECK(message.find("high-impedance") != std::string::npos);

    CHECK(refusal("high-impedance:2").find("high-impedance:CH:OHMS") != std::string::npos);
    CHECK(refusal("high-impedance:2:0").find("1..10000000") != std::string::npos);
    CHECK(refusal("drop:0").find("0 < P <= 1") != std::string::npos);
    CHECK(refusal("drop:1.5").find("0 < P <= 1") != std::string::npos);
    CHECK(refusal("drop:abc").find("drop:P") != std::string::npos);
    CHECK(refusal("delay:0").find("delay:MS") != std::string::npos);
    CHECK(refusal("ack-delay:60001").find("1..60000") != std::string::npos);
    CHECK(refusal("stuck:2@soon").find("start delay") != std::string::npos);
    CHECK(refusal("stuck:2:3").find("wrong number of fields") != std::string::npos);
    CHECK(refusal("open-electrode:1:rx").find("wrong number of fields") != std::string::npos);
    CHECK(refusal("").find("unknown fault") != std::string::npos);
}

TEST_CASE("fault lists are comma separated", "[device][sim][faultspec]")
{
    auto list = parseFaultList("open-electrode:3,drop:0.01,ack-delay:300");
    REQUIRE(std::holds_alternative<std::vector<FaultSpec>>(list));
    const auto& specs = std::get<std::vector<FaultSpec>>(list);
    REQUIRE(specs.size() == 3);
    CHECK(specs[1].kind == FaultKind::Drop);

    auto bad = parseFaultList("open-electrode:3,,drop:0.01");
    REQUIRE(std::holds_alternative<FaultSpecError>(bad));
    CHECK(!faultSpecHelp().empty());
    CHECK(faultSpecHelp().find("disconnect-after:MS") != std::string_view::npos);
}

TEST_CASE("truncate and rechunk are link faults with their own fields", "[device][sim][faultspec]")
{
    auto f = parsed("truncate:2%");
    CHECK(f.kind == FaultKind::Truncate);
    CHECK(f.probability == Approx(0.02));
    CHECK(f.direction == LinkDirection::Both);
    CHECK(isLinkFault(FaultKind::Truncate));
    CHECK(parsed("truncate:0.5:tx").direction == LinkDirection::Tx);

    f = parsed("rechunk:0.1:2:rx");
    CHECK(f.kind == FaultKind::Rechunk);
    CHECK(f.probability == Approx(0.1));
    CHECK(f.duration.count() == 2);
    CHECK(f.direction == LinkDirection::Rx);
    CHECK(isLinkFault(FaultKind::Rechunk));
    CHECK_FALSE(isChannelFault(FaultKind::Rechunk));

    for (const char* text : {"truncate:0.02", "truncate:1:rx@300", "rechunk:0.1:2", "rechunk:0.5:60000:tx"}) {
        const auto spec = parsed(text);
        CHECK(spec.text() == text);
        CHECK(parsed(spec.text()) == spec);
    }

    CHECK(refusal("truncate:0").find("truncate:P") != std::string::npos);
    CHECK(refusal("truncate:0.1:5").find("wrong number of fields") != std::string::npos);
    CHECK(refusal("rechunk:0.1").find("rechunk:P:MS") != std::string::npos);
    CHECK(refusal("rechunk:0.1:0").find("out of range") != std::string::npos);
    CHECK(refusal("rechunk:2:5").find("0 < P <= 1") != std::string::npos);
    CHECK(faultSpecHelp().find("truncate:P") != std::string_view::npos);
    CHECK(faultSpecHelp().find("rechunk:P:MS") != std::string_view::npos);
}
