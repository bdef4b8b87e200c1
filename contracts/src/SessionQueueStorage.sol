// SPDX-License-Identifier: MIT
// contracts/src/SessionQueueStorage.sol (phase 1)
pragma solidity ^0.8.24;

import {SessionQueueConfig} from "./SessionQueueConfig.sol";
import {TaskRules} from "./libraries/TaskRules.sol";

/**
 * @dev The task records of SessionQueue and every read of them. Mirrors `TaskState` and
 * `MinerSlot` of `protocol/task/types.ts`, with times in `block.timestamp` ticks (seconds on a
 * real chain, see {SessionQueueConfig-msPerTick}) and 0 for the spec's `null`.
 *
 * Per-miner records are keyed by the task's assignment round (its reassignment count), so a
 * requeue starts the next assignment from empty records in O(1) instead of deleting the old ones;
 * readers only ever see the current round, as the spec's `miners: []` after a requeue.
 */
abstract contract SessionQueueStorage is SessionQueueConfig {
    /// @dev Largest `redundant` a task may have (the range of `session.redundant` in the spec).
    uint256 public constant MAX_REDUNDANT = 1000;

    struct MinerSlot {
        bool assigned;
        MinerResultState state;
        uint48 ackedAt;
        uint48 precommitAt;
        uint48 committedAt;
        uint32 outputTokens;
        int32 similarity;
        bytes32 precommitHash;
        bytes32 salt;
        string result;
    }

    struct Task {
        uint64 gid;
        uint48 createdAt;
        uint48 updatedAt;
        uint48 finishedAt;
        uint48 phaseDeadline;
        uint32 phaseSeq;
        TaskStatus status;
        uint16 redundant;
        uint16 quorum;
        uint16 reassignments;
        uint32 maxTokens;
        bool success;
        FailureReason failureReason;
        address router;
        address validatedBy;
        uint256 modelId;
        uint256 escrow;
        uint256 charge;
        address[] miners;
        string taskData;
        mapping(uint256 round => mapping(address miner => MinerSlot)) slots;
        /// @dev Miners that timed out on this task in an earlier round; never assigned to it again.
        mapping(address miner => bool) excluded;
    }

    mapping(uint256 sessionId => mapping(uint256 taskId => Task)) private _tasks;
    mapping(uint256 sessionId => uint256) private _taskCounts;
    uint256 private _totalTaskCount;

    constructor(address initialOwner, uint256 msPerTick_) SessionQueueConfig(initialOwner, msPerTick_) {}

    // ---- reads ---------------------------------------------------------------------------------

    /// @notice Number of tasks ever queued in `sessionId` (task ids are 0 … count−1).
    function getTaskCount(uint256 sessionId) external view returns (uint256) {
        return _taskCounts[sessionId];
    }

    /// @notice Number of tasks ever queued across sessions (global ids are 0 … count−1).
    function getTotalTaskCount() external view returns (uint256) {
        return _totalTaskCount;
    }

    /// @notice The task's record. Reverts with {SessionQueueUnknownTask} for a task never queued.
    function getTask(uint256 sessionId, uint256 taskId) external view returns (TaskView memory v) {
        Task storage t = _getTask(sessionId, taskId);
        v.sessionId = sessionId;
        v.taskId = taskId;
        v.gid = t.gid;
        v.status = t.status;
        v.phaseSeq = t.phaseSeq;
        v.phaseDeadline = t.phaseDeadline;
        v.createdAt = t.createdAt;
        v.updatedAt = t.updatedAt;
        v.finishedAt = t.finishedAt;
        v.redundant = t.redundant;
        v.quorum = t.quorum;
        v.reassignments = t.reassignments;
        v.maxTokens = t.maxTokens;
        v.modelId = t.modelId;
        v.escrow = t.escrow;
        v.router = t.router;
        v.validatedBy = t.validatedBy;
        v.success = t.success;
        v.failureReason = t.failureReason;
        v.charge = t.charge;
        v.miners = t.miners;
        v.taskData = t.taskData;
    }

    /// @notice The task's status. Reverts with {SessionQueueUnknownTask} for a task never queued.
    function getTaskStatus(uint256 sessionId, uint256 taskId) external view returns (TaskStatus) {
        return _getTask(sessionId, taskId).status;
    }

    /// @notice The miners of the current assignment (empty while queued). Reverts as {getTaskStatus}.
    function getTaskMiners(uint256 sessionId, uint256 taskId) external view returns (address[] memory) {
        return _getTask(sessionId, taskId).miners;
    }

    /**
     * @notice The miners of the current assignment and their revealed results ("" when a miner
     * has not revealed). Reverts with {SessionQueueUnknownTask} for a task never queued.
     */
    function getTaskResults(uint256 sessionId, uint256 taskId) external view returns (address[] memory miners, string[] memory results) {
        Task storage t = _getTask(sessionId, taskId);
        miners = t.miners;
        results = new string[](miners.length);
        mapping(address => MinerSlot) storage slots = t.slots[t.reassignments];
        for (uint256 i = 0; i < miners.length; ++i) {
            results[i] = slots[miners[i]].result;
        }
    }

    /**
     * @notice `miner`'s result state ({MinerResultState} as a number) in the current assignment.
     * @dev Reverts with {SessionQueueUnknownTask} or, for a miner not in the current assignment,
     * {SessionQueueNotAssignedMiner}.
     */
    function getTaskResultState(uint256 sessionId, uint256 taskId, address miner) external view returns (uint8) {
        return uint8(_getAssignedSlot(sessionId, taskId, miner).state);
    }

    /// @notice `miner`'s full record in the current assignment; reverts as {getTaskResultState}.
    function getMinerSlot(uint256 sessionId, uint256 taskId, address miner) external view returns (MinerSlotView memory) {
        MinerSlot storage s = _getAssignedSlot(sessionId, taskId, miner);
        return MinerSlotView({
            state: s.state,
            ackedAt: s.ackedAt,
            precommitAt: s.precommitAt,
            committedAt: s.committedAt,
            outputTokens: s.outputTokens,
            similarity: s.similarity,
            precommitHash: s.precommitHash,
            salt: s.salt,
            result: s.result
        });
    }

    /// @notice Whether `miner` timed out on this task before and may not be assigned to it again.
    function isExcluded(uint256 sessionId, uint256 taskId, address miner) external view returns (bool) {
        return _getTask(sessionId, taskId).excluded[miner];
    }

    /// @notice Whether the task table allows `action` in `status` (`protocol/task/table.ts`).
    function isActionAllowed(TaskStatus status, TaskAction action) external pure returns (bool) {
        return TaskRules.isAllowed(status, action);
    }

    /// @notice The published plain hash: keccak256(bytes(result)).
    function getHash(string calldata result) external pure returns (bytes32) {
        return TaskRules.computeResultHash(result);
    }

    /// @notice Whether `hash` is the plain hash of `result`.
    function verifyHash(string calldata result, bytes32 hash) external pure returns (bool) {
        return TaskRules.computeResultHash(result) == hash;
    }

    /// @notice The miner-bound precommit hash a miner should submit for `result` and `salt`.
    function getMinerBoundHash(address miner, uint256 sessionId, uint256 taskId, bytes32 salt, string calldata result)
        external
        pure
        returns (bytes32)
    {
        return TaskRules.computePrecommitHash(CommitScheme.MinerBound, miner, sessionId, taskId, salt, result);
    }

    // ---- internal ------------------------------------------------------------------------------

    /// @dev Creates the next task of `sessionId` and returns its id, global id and record.
    function _createTask(uint256 sessionId) internal returns (uint256 taskId, uint256 gid, Task storage t) {
        taskId = _taskCounts[sessionId]++;
        gid = _totalTaskCount++;
        t = _tasks[sessionId][taskId];
    }

    /// @dev The task, or a revert with {SessionQueueUnknownTask}.
    function _getTask(uint256 sessionId, uint256 taskId) internal view returns (Task storage t) {
        if (taskId >= _taskCounts[sessionId]) revert SessionQueueUnknownTask(sessionId, taskId);
        return _tasks[sessionId][taskId];
    }

    /// @dev `miner`'s slot in the current assignment, or a revert with {SessionQueueNotAssignedMiner}.
    function _getAssignedSlot(uint256 sessionId, uint256 taskId, address miner) private view returns (MinerSlot storage s) {
        Task storage t = _getTask(sessionId, taskId);
        s = t.slots[t.reassignments][miner];
        if (!s.assigned) revert SessionQueueNotAssignedMiner(sessionId, taskId, miner);
    }
}
