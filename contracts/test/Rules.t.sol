// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

// Goal: the pure rules of ReputationRules and SessionRules equal the spec's definitions: ppm rate
// comparisons equal the exact rational comparison, the level requirement and its 0.99 cap, the
// cooldown window, bucket lengths rounded up, mode rules, llmParams bounds and an escrow that
// saturates instead of overflowing.
// Method: a harness exposes the internal functions; fuzz tests compare each with a second,
// direct computation (rationals by cross multiplication in wider arithmetic, the cooldown by its
// definition), unit tests pin the boundary cases.

import {Test} from "forge-std/Test.sol";
import {ISessionErrors, ISessionTypes} from "../src/interfaces/ISession.sol";
import {ReputationRules} from "../src/libraries/ReputationRules.sol";
import {SessionRules} from "../src/libraries/SessionRules.sol";

contract RulesHarness {
    function isRateAtLeast(uint256 s, uint256 a, uint256 r) external pure returns (bool) {
        return ReputationRules.isRateAtLeast(s, a, r);
    }

    function levelRequirement(uint256 level, uint256 bc, uint256 sc, uint256 br, uint256 sr) external pure returns (uint256, uint256) {
        return ReputationRules.computeLevelRequirement(level, bc, sc, br, sr);
    }

    function isInCooldown(uint256 lastPlusOne, uint256 roundId, uint256 cooldown) external pure returns (bool) {
        return ReputationRules.isInCooldown(lastPlusOne, roundId, cooldown);
    }

    function bucketMs(uint256 windowMs, uint256 buckets) external pure returns (uint256) {
        return ReputationRules.computeBucketMs(windowMs, buckets);
    }

    function isNodeTypeAllowed(ISessionTypes.SessionMode mode, bool dedicated) external pure returns (bool) {
        return SessionRules.isNodeTypeAllowed(mode, dedicated);
    }

    function decodeMaxTokens(uint256[] calldata llm, uint256 maxEntries, uint256 def, uint256 cap) external pure returns (uint256) {
        return SessionRules.decodeMaxTokens(llm, maxEntries, def, cap);
    }

    function escrow(uint256 perMiner, uint256 perToken, uint256 redundant, uint256 maxTokens) external pure returns (uint256) {
        return SessionRules.computeTaskEscrow(perMiner, perToken, redundant, maxTokens);
    }
}

contract RulesTest is Test {
    RulesHarness internal h = new RulesHarness();

    function testFuzz_IsRateAtLeast_IsTheExactRationalComparison(uint32 successes, uint32 attempts, uint32 ratePpm) public view {
        uint256 a = attempts;
        uint256 s = bound(successes, 0, a);
        uint256 r = bound(ratePpm, 0, 1e6);
        bool expected = a == 0 ? r == 0 : s * 1e6 >= r * a;
        assertEq(h.isRateAtLeast(s, a, r), expected);
    }

    function test_IsRateAtLeast_AnEmptyWindowPassesOnlyAZeroBar() public view {
        assertTrue(h.isRateAtLeast(0, 0, 0));
        assertFalse(h.isRateAtLeast(0, 0, 1));
        assertTrue(h.isRateAtLeast(3, 5, 600_000), "exactly 0.6");
        assertFalse(h.isRateAtLeast(3, 5, 600_001));
    }

    function testFuzz_LevelRequirement_GrowsPerLevelAndCapsAt99Percent(uint8 level, uint16 base, uint16 step, uint32 baseRate, uint32 stepRate)
        public
        view
    {
        uint256 br = bound(baseRate, 0, 1e6);
        uint256 sr = bound(stepRate, 0, 1e6);
        (uint256 streak, uint256 rate) = h.levelRequirement(level, base, step, br, sr);
        assertEq(streak, uint256(base) + uint256(step) * level);
        uint256 raw = br + sr * level;
        assertEq(rate, raw > 990_000 ? 990_000 : raw);
    }

    function test_LevelRequirement_SpecDefaults() public view {
        (uint256 streak, uint256 rate) = h.levelRequirement(0, 3, 1, 600_000, 30_000);
        assertEq(streak, 3);
        assertEq(rate, 600_000);
        (streak, rate) = h.levelRequirement(10, 3, 1, 600_000, 30_000);
        assertEq(streak, 13);
        assertEq(rate, 900_000);
    }

    function testFuzz_IsInCooldown_SitsOutTheNextRounds(uint16 lastPicked, uint16 roundId, uint8 cooldown, bool never) public view {
        uint256 lastPlusOne = never ? 0 : uint256(lastPicked) + 1;
        bool expected = !never && roundId > lastPicked && roundId - lastPicked <= cooldown;
        assertEq(h.isInCooldown(lastPlusOne, roundId, cooldown), expected);
    }

    function testFuzz_BucketMs_RoundsUp(uint40 windowMs, uint16 buckets) public view {
        uint256 w = bound(windowMs, 1, 365 days * 1000);
        uint256 b = bound(buckets, 1, 10_000);
        uint256 len = h.bucketMs(w, b);
        assertGe(len * b, w);
        assertLt((len - 1) * b, w);
    }

    function test_IsNodeTypeAllowed_FollowsTheModes() public view {
        assertTrue(h.isNodeTypeAllowed(ISessionTypes.SessionMode.Ephemeral, false));
        assertFalse(h.isNodeTypeAllowed(ISessionTypes.SessionMode.Ephemeral, true));
        assertFalse(h.isNodeTypeAllowed(ISessionTypes.SessionMode.Dedicated, false));
        assertTrue(h.isNodeTypeAllowed(ISessionTypes.SessionMode.Dedicated, true));
        assertTrue(h.isNodeTypeAllowed(ISessionTypes.SessionMode.Hybrid, false));
        assertTrue(h.isNodeTypeAllowed(ISessionTypes.SessionMode.Hybrid, true));
    }

    function test_DecodeMaxTokens_DefaultsAndBounds() public {
        assertEq(h.decodeMaxTokens(new uint256[](0), 16, 1024, 32_768), 1024);
        uint256[] memory llm = new uint256[](3);
        (llm[0], llm[1], llm[2]) = (64, 200, 100);
        assertEq(h.decodeMaxTokens(llm, 16, 1024, 32_768), 64);
        llm[2] = 101;
        vm.expectRevert(abi.encodeWithSelector(ISessionErrors.SessionLlmParamOutOfRange.selector, 2, 101, 100));
        h.decodeMaxTokens(llm, 16, 1024, 32_768);
        vm.expectRevert(abi.encodeWithSelector(ISessionErrors.SessionLlmParamOutOfRange.selector, 0, 1024, 1000));
        h.decodeMaxTokens(new uint256[](0), 16, 1024, 1000); // the default itself above the cap
    }

    function testFuzz_Escrow_IsThePriceOrSaturates(uint128 perMiner, uint128 perToken, uint16 redundant, uint32 maxTokens) public view {
        uint256 exact = (uint256(perMiner) + uint256(perToken) * maxTokens) * redundant;
        assertEq(h.escrow(perMiner, perToken, redundant, maxTokens), exact);
        assertEq(h.escrow(type(uint256).max, 1, 2, 1), type(uint256).max, "the sum overflows");
        assertEq(h.escrow(1, type(uint256).max, 1, 2), type(uint256).max, "the token part overflows");
        assertEq(h.escrow(type(uint256).max / 2 + 1, 0, 2, 0), type(uint256).max, "the product overflows");
    }
}
