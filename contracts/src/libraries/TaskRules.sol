// SPDX-License-Identifier: MIT
// contracts/src/libraries/TaskRules.sol (phase 1)
pragma solidity ^0.8.24;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ISessionQueueTypes} from "../interfaces/ISessionQueue.sol";

/**
 * @dev The pure rules of a user task, one function per rule of the executable spec:
 * the transition table (`protocol/task/table.ts`), the quorum (`quorum.ts`), the billed tokens and
 * the charge (`pricing.ts`) and the commit hashes (`protocol/core/commit.ts`). Kept apart from the
 * state machine so each rule can be tested against the spec on its own.
 */
library TaskRules {
    /// @dev Similarity scores from the oracle are fixed-point with this scale (1e6 = cosine 1.0).
    int256 internal constant SIMILARITY_SCALE = 1e6;

    /**
     * @dev The task table as bitmasks: 16 bits per status (status `s` at bits 16·s … 16·s+15), and
     * in each, bit `a` set when action `a` ({ISessionQueueTypes-TaskAction}) is allowed.
     *   Queued       Assign, End                 0x0101
     *   Assigned     Ack, EndAck, End            0x0106
     *   Acked        Precommit, EndPrecommit, End 0x0118
     *   Precommitted Commit, EndCommit, End      0x0160
     *   Committed    Validate, End               0x0180
     *   Validated    End                         0x0100
     *   Ended        (terminal)                  0x0000
     */
    uint256 private constant _ALLOWED = 0x0000_0100_0180_0160_0118_0106_0101;

    /// @dev Is `action` allowed in `status` by the task table?
    function isAllowed(ISessionQueueTypes.TaskStatus status, ISessionQueueTypes.TaskAction action) internal pure returns (bool) {
        return (_ALLOWED >> (16 * uint256(status) + uint256(action))) & 1 == 1;
    }

    /// @dev Valid results a task of `redundant` miners needs under `rule`.
    function computeQuorum(ISessionQueueTypes.QuorumRule rule, uint256 redundant) internal pure returns (uint256) {
        if (rule == ISessionQueueTypes.QuorumRule.All) return redundant;
        if (rule == ISessionQueueTypes.QuorumRule.One) return 1;
        return Math.max(1, Math.ceilDiv(redundant, 2));
    }

    /**
     * @dev The lower median of `tokenCounts`, capped at `maxTokens` (0 for an empty list).
     * Sorts a copy in memory by insertion: the list holds at most `redundant` entries.
     */
    function computeBilledTokens(uint256[] memory tokenCounts, uint256 maxTokens) internal pure returns (uint256) {
        uint256 n = tokenCounts.length;
        if (n == 0) return 0;
        uint256[] memory sorted = new uint256[](n);
        for (uint256 i = 0; i < n; ++i) {
            uint256 value = tokenCounts[i];
            uint256 j = i;
            while (j > 0 && sorted[j - 1] > value) {
                sorted[j] = sorted[j - 1];
                --j;
            }
            sorted[j] = value;
        }
        return Math.min(maxTokens, sorted[(n - 1) >> 1]);
    }

    /**
     * @dev Charge for `validMiners` valid results of `outputTokens` tokens each, capped at `escrow`:
     * min(escrow, (pricePerMinerTask + pricePerOutputToken · outputTokens) · validMiners).
     * NOTE: the spec computes with unbounded integers; a product that overflows 256 bits is
     * certainly above any escrow, so the cap gives the spec's answer instead of reverting.
     */
    function computeCharge(
        uint256 pricePerMinerTask,
        uint256 pricePerOutputToken,
        uint256 validMiners,
        uint256 outputTokens,
        uint256 escrow
    ) internal pure returns (uint256) {
        (bool okTokens, uint256 tokenPart) = Math.tryMul(pricePerOutputToken, outputTokens);
        (bool okSum, uint256 perMiner) = Math.tryAdd(pricePerMinerTask, tokenPart);
        (bool okTotal, uint256 total) = Math.tryMul(perMiner, validMiners);
        if (!(okTokens && okSum && okTotal)) return escrow;
        return Math.min(total, escrow);
    }

    /// @dev keccak256 of the UTF-8 bytes of `result` (SessionQueueV2 `getHash`, the plain scheme).
    function computeResultHash(string memory result) internal pure returns (bytes32) {
        return keccak256(bytes(result));
    }

    /**
     * @dev The precommit hash of `result` under `scheme`:
     * minerBound = keccak256(abi.encodePacked(miner, sessionId, taskId, salt, keccak256(bytes(result)))),
     * plain = keccak256(bytes(result)).
     */
    function computePrecommitHash(
        ISessionQueueTypes.CommitScheme scheme,
        address miner,
        uint256 sessionId,
        uint256 taskId,
        bytes32 salt,
        string memory result
    ) internal pure returns (bytes32) {
        bytes32 resultHash = computeResultHash(result);
        if (scheme == ISessionQueueTypes.CommitScheme.Plain) return resultHash;
        return keccak256(abi.encodePacked(miner, sessionId, taskId, salt, resultHash));
    }
}
