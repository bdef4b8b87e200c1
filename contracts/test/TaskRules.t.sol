// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

// Goal: the pure rules of a task (table, quorum, billed tokens, charge, commit hashes) give the
// spec's answers.
// Method: the table is compared with protocol/task/table.ts written out by hand; quorum, median
// and charge are fuzzed against reference definitions that share no code with the library; the
// hashes are checked against contracts/test/fixtures/commit-hashes.json, computed by
// protocol/core/commit.ts (contracts/test/spec-mapping.test.ts checks that file against the TS).

import {Test} from "forge-std/Test.sol";
import {ISessionQueueTypes} from "../src/interfaces/ISessionQueue.sol";
import {TaskRulesHarness} from "./utils/TaskRulesHarness.sol";

contract TaskRulesTest is Test, ISessionQueueTypes {
    TaskRulesHarness internal rules;

    function setUp() public {
        rules = new TaskRulesHarness();
    }

    // ---- table ---------------------------------------------------------------------------------

    function test_IsAllowed_MatchesTheTaskTableOfTheSpec() public view {
        // Rows of TASK_TABLE (protocol/task/table.ts): the actions allowed in each status.
        string[7] memory rows = [
            "100000001", // Queued: assign, end
            "011000001", // Assigned: ack, endAck, end
            "000110001", // Acked: precommit, endPrecommit, end
            "000001101", // Precommitted: commit, endCommit, end
            "000000011", // Committed: validate, end
            "000000001", // Validated: end
            "000000000" //  Ended: terminal
        ];
        for (uint8 s = 0; s < 7; ++s) {
            for (uint8 a = 0; a < 9; ++a) {
                bool expected = bytes(rows[s])[a] == "1";
                assertEq(rules.isAllowed(TaskStatus(s), TaskAction(a)), expected, string.concat("status ", vm.toString(s), " action ", vm.toString(a)));
            }
        }
    }

    // ---- quorum --------------------------------------------------------------------------------

    function test_ComputeQuorum_GivesTheSpecValues() public view {
        uint256[6] memory majority = [uint256(1), 1, 2, 2, 3, 3];
        for (uint256 r = 1; r <= 6; ++r) {
            assertEq(rules.computeQuorum(QuorumRule.Majority, r), majority[r - 1]);
            assertEq(rules.computeQuorum(QuorumRule.All, r), r);
            assertEq(rules.computeQuorum(QuorumRule.One, r), 1);
        }
    }

    function testFuzz_ComputeQuorum_MajorityIsTheSmallestStrictHalfOrMore(uint256 redundant) public view {
        redundant = bound(redundant, 1, 1000);
        uint256 q = rules.computeQuorum(QuorumRule.Majority, redundant);
        assertGe(2 * q, redundant, "at least half");
        assertLt(2 * (q - 1), redundant, "the smallest such");
    }

    // ---- billed tokens -------------------------------------------------------------------------

    function test_ComputeBilledTokens_IsTheLowerMedianCappedAtMax() public view {
        uint256[] memory counts = new uint256[](4);
        (counts[0], counts[1], counts[2], counts[3]) = (40, 10, 30, 20);
        assertEq(rules.computeBilledTokens(counts, 100), 20, "lower median of 10 20 30 40");
        assertEq(rules.computeBilledTokens(counts, 15), 15, "capped");
        assertEq(rules.computeBilledTokens(new uint256[](0), 100), 0, "no valid results");
    }

    function testFuzz_ComputeBilledTokens_IsTheLowerMedian(uint256 length, uint256 seed, uint256 maxTokens) public view {
        uint256[] memory counts = new uint256[](bound(length, 1, 12));
        for (uint256 i = 0; i < counts.length; ++i) {
            counts[i] = uint256(keccak256(abi.encode(seed, i))) % 51; // small range: ties are frequent
        }
        maxTokens = bound(maxTokens, 0, 60);
        uint256 billed = rules.computeBilledTokens(counts, maxTokens);
        uint256 median = _referenceLowerMedian(counts);
        assertEq(billed, median < maxTokens ? median : maxTokens);
    }

    /// @dev The value at sorted index ⌊(n−1)/2⌋, found by counting instead of sorting.
    function _referenceLowerMedian(uint256[] memory counts) private pure returns (uint256) {
        uint256 k = (counts.length - 1) / 2;
        for (uint256 i = 0; i < counts.length; ++i) {
            (uint256 less, uint256 lessOrEqual) = (0, 0);
            for (uint256 j = 0; j < counts.length; ++j) {
                if (counts[j] < counts[i]) ++less;
                if (counts[j] <= counts[i]) ++lessOrEqual;
            }
            if (less <= k && k < lessOrEqual) return counts[i];
        }
        revert("no median");
    }

    // ---- charge --------------------------------------------------------------------------------

    function testFuzz_ComputeCharge_IsThePriceOfTheValidWorkCappedAtTheEscrow(
        uint128 perMiner,
        uint64 perToken,
        uint32 tokens,
        uint16 validMiners,
        uint256 escrow
    ) public view {
        uint256 full = (uint256(perMiner) + uint256(perToken) * tokens) * validMiners;
        uint256 expected = full < escrow ? full : escrow;
        assertEq(rules.computeCharge(perMiner, perToken, validMiners, tokens, escrow), expected);
    }

    function test_ComputeCharge_CapsAtTheEscrowWhenThePriceOverflows() public view {
        uint256 max = type(uint256).max;
        assertEq(rules.computeCharge(0, max, 1, 2, 7), 7, "token part overflows");
        assertEq(rules.computeCharge(max, 1, 1, 1, 7), 7, "sum overflows");
        assertEq(rules.computeCharge(max / 2 + 1, 0, 2, 0, 7), 7, "product overflows");
    }

    // ---- hashes --------------------------------------------------------------------------------

    function test_ComputePrecommitHash_MatchesTheProtocolVectors() public view {
        string memory json = vm.readFile(string.concat(vm.projectRoot(), "/contracts/test/fixtures/commit-hashes.json"));
        for (uint256 i = 0; i < 3; ++i) {
            string memory key = string.concat(".cases[", vm.toString(i), "]");
            address miner = vm.parseJsonAddress(json, string.concat(key, ".miner"));
            uint256 sessionId = vm.parseJsonUint(json, string.concat(key, ".sessionId"));
            uint256 taskId = vm.parseJsonUint(json, string.concat(key, ".taskId"));
            bytes32 salt = vm.parseJsonBytes32(json, string.concat(key, ".salt"));
            string memory result = vm.parseJsonString(json, string.concat(key, ".result"));
            assertEq(
                rules.computePrecommitHash(CommitScheme.MinerBound, miner, sessionId, taskId, salt, result),
                vm.parseJsonBytes32(json, string.concat(key, ".minerBound"))
            );
            assertEq(
                rules.computePrecommitHash(CommitScheme.Plain, miner, sessionId, taskId, salt, result),
                vm.parseJsonBytes32(json, string.concat(key, ".plain"))
            );
        }
    }

    function testFuzz_ComputePrecommitHash_MinerBoundDependsOnEveryInput(address miner, address other, bytes32 salt, string memory result)
        public
        view
    {
        other = miner == other ? address(uint160(miner) ^ 1) : other;
        bytes32 h = rules.computePrecommitHash(CommitScheme.MinerBound, miner, 1, 2, salt, result);
        assertEq(h, keccak256(abi.encodePacked(miner, uint256(1), uint256(2), salt, keccak256(bytes(result)))));
        assertNotEq(h, rules.computePrecommitHash(CommitScheme.MinerBound, other, 1, 2, salt, result), "miner");
        assertNotEq(h, rules.computePrecommitHash(CommitScheme.MinerBound, miner, 2, 2, salt, result), "session");
        assertNotEq(h, rules.computePrecommitHash(CommitScheme.MinerBound, miner, 1, 3, salt, result), "task");
        assertNotEq(h, rules.computePrecommitHash(CommitScheme.MinerBound, miner, 1, 2, ~salt, result), "salt");
        assertEq(rules.computePrecommitHash(CommitScheme.Plain, other, 9, 9, ~salt, result), keccak256(bytes(result)), "plain ignores the rest");
    }
}
