// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {TaskRules} from "../../src/libraries/TaskRules.sol";
import {ISessionQueueTypes} from "../../src/interfaces/ISessionQueue.sol";

/// @dev Exposes the internal functions of {TaskRules} to tests.
contract TaskRulesHarness {
    function isAllowed(ISessionQueueTypes.TaskStatus status, ISessionQueueTypes.TaskAction action) external pure returns (bool) {
        return TaskRules.isAllowed(status, action);
    }

    function computeQuorum(ISessionQueueTypes.QuorumRule rule, uint256 redundant) external pure returns (uint256) {
        return TaskRules.computeQuorum(rule, redundant);
    }

    function computeBilledTokens(uint256[] memory tokenCounts, uint256 maxTokens) external pure returns (uint256) {
        return TaskRules.computeBilledTokens(tokenCounts, maxTokens);
    }

    function computeCharge(uint256 perMiner, uint256 perToken, uint256 validMiners, uint256 tokens, uint256 escrow)
        external
        pure
        returns (uint256)
    {
        return TaskRules.computeCharge(perMiner, perToken, validMiners, tokens, escrow);
    }

    function computePrecommitHash(
        ISessionQueueTypes.CommitScheme scheme,
        address miner,
        uint256 sessionId,
        uint256 taskId,
        bytes32 salt,
        string memory result
    ) external pure returns (bytes32) {
        return TaskRules.computePrecommitHash(scheme, miner, sessionId, taskId, salt, result);
    }
}
