// SPDX-License-Identifier: MIT
// contracts/src/interfaces/INodePool.sol (phase 2)
pragma solidity ^0.8.24;

/**
 * @dev Types, events and errors of the node pool (`protocol/node` with the integer parts of
 * `protocol/reputation`). Enums use the spec's orders: {NodeStatus} is `NODE_STATUSES`, {Metric}
 * is `METRICS`, {ReleaseReason} is `RELEASE_REASONS` followed by `Banned` (the reason a ban gives
 * in its `NodeReleased` event), {ReleaseRule} and {PoolExit} the `values` of
 * `session.releaseRule` and `eligibility.poolExit`. Rates are parts per million (ppm).
 */
interface INodePoolTypes {
    enum NodeStatus {
        Unregistered,
        Registered,
        Probation,
        Available,
        Reserved,
        PendingRevalidation,
        Banned
    }

    /// @dev NodeStats metrics: the dashboard's names, plus `Ack` for user tasks.
    enum Metric {
        Request,
        Create,
        Prepare,
        Start,
        Ack,
        Precommit,
        Commit,
        End,
        Correctness,
        Ping
    }

    enum ReleaseReason {
        Period,
        TaskCount,
        Deactivated,
        Manual,
        Banned
    }

    /// @dev Why a node cannot be picked (`NotSelectableReason`, `None` when it can).
    enum NotSelectableReason {
        None,
        NotRegistered,
        NodeBanned,
        NodeOffline,
        NodeReserved,
        NodeNotAvailable,
        ModelNotServed,
        LevelTooLow,
        StakeTooLow
    }

    enum ReleaseRule {
        FirstOf,
        PeriodOnly
    }

    enum PoolExit {
        Never,
        WindowFails
    }

    enum LevelChangeReason {
        SuccessStreak,
        FailureStreak
    }

    /**
     * @dev The parameters the node machine reads (`node.*`, `eligibility.*` except the window
     * geometry, `levels.*`, `session.releaseRule`, the reservation caps, `selection.minStake`).
     * Times in milliseconds, rates in ppm.
     */
    struct NodeParams {
        uint32 pingIntervalMs;
        uint16 offlineAfterMissedPings;
        uint16 maxModels;
        uint16 maxDedicatedSessions;
        uint32 minAttempts;
        uint32 minSuccessRatePpm;
        uint32 minConsecutiveSuccesses;
        uint8 revalidationRounds;
        PoolExit poolExit;
        uint8 levelsMax;
        uint32 baseConsecutive;
        uint32 stepConsecutive;
        uint32 baseSuccessRatePpm;
        uint32 stepSuccessRatePpm;
        uint32 downgradeFailureStreak;
        ReleaseRule releaseRule;
        uint64 maxReservePeriodMs;
        uint32 maxTaskExecutionCountCap;
        uint256 minStake;
    }

    /// @dev A node's lifecycle state (`NodeState` without reputation); times are ticks, 0 = unset.
    struct NodeView {
        NodeStatus status;
        uint32 statusSeq;
        uint64 statusSince;
        uint64 registeredAt;
        uint64 updatedAt;
        bool online;
        uint64 lastPingAt;
        uint32 missedPings;
        uint256[] models;
        uint256[] dedicatedSessions;
        /// @dev Reserved: the reservation's terms and progress (0 otherwise).
        uint256 sessionId;
        uint64 reservedAt;
        uint32 tasksExecuted;
        uint64 reservePeriodMs;
        uint32 maxTaskExecutionCount;
        /// @dev PendingRevalidation: when it was released and the rounds it has passed since.
        uint64 releasedAt;
        uint32 passedRounds;
        /// @dev The duplicate guard of cognitive outcomes: newest round id (−1: none) and the 32 below it.
        int256 lastRoundId;
        uint32 roundsSeenMask;
    }

    /// @dev The integer reputation: cognitive record, window totals as of the last write, level.
    struct ReputationView {
        uint32 attempts;
        uint32 successes;
        uint32 successStreak;
        uint32 failureStreak;
        uint64 headBucket;
        uint32 windowTotalAttempts;
        uint32 windowTotalSuccesses;
        uint8 level;
        uint32 levelSuccessStreak;
        uint32 levelFailureStreak;
        uint64 levelChangedAt;
    }
}

interface INodePoolEvents is INodePoolTypes {
    event NodeRegistered(address indexed node, uint256[] models);
    event NodeStatusChanged(address indexed node, NodeStatus from, NodeStatus to);
    event NodeOnline(address indexed node);
    event NodeOffline(address indexed node, uint32 missedPings, uint64 lastPingAt);
    event NodeLevelChanged(address indexed node, uint8 previousLevel, uint8 newLevel, LevelChangeReason reason);
    event NodeReserved(
        address indexed node, uint256 indexed sessionId, uint64 reservedAt, uint64 reservePeriodMs, uint32 maxTaskExecutionCount
    );
    event NodeReleased(address indexed node, uint256 indexed sessionId, ReleaseReason reason, uint32 tasksExecuted);
    event NodeBanned(address indexed node, address actor);
    event NodeUnbanned(address indexed node, address actor);
    /// @dev The node's side of a dedication (Session emits its own `DedicatedNodeAdded(sessionId, node)`).
    event DedicatedNodeAdded(address indexed node, uint256 indexed sessionId, address actor);
    event DedicatedNodeRemoved(address indexed node, uint256 indexed sessionId, address actor);
    event NodePoolModulesUpdated(address session, address queue, address cognitive, address payment);
    event NodePoolParamsUpdated(NodeParams params);
}

interface INodePoolErrors is INodePoolTypes {
    // ---- access ----
    error NodePoolNotModule(address account);
    error NodePoolZeroAddress();
    error NodePoolInvalidParam(uint8 field, uint256 value);
    // ---- membership ----
    error NodePoolUnknownNode(address node);
    error NodePoolNotRegistered(address node);
    error NodePoolAlreadyRegistered(address node, NodeStatus status);
    error NodePoolInvalidModels(uint256 count, uint256 max);
    error NodePoolDuplicateModel(uint256 modelId);
    error NodePoolInvalidModelId(uint256 modelId);
    error NodePoolNodeBanned(address node);
    error NodePoolWrongPhase(address node, NodeStatus status);
    error NodePoolAlreadyDedicated(address node, uint256 sessionId);
    error NodePoolTooManyDedicatedSessions(address node, uint256 max);
    error NodePoolNotDedicated(address node, uint256 sessionId);
    // ---- selection ----
    error NodePoolNodeOffline(address node);
    error NodePoolNodeReserved(address node, uint256 sessionId);
    error NodePoolNodeNotAvailable(address node, NodeStatus status);
    error NodePoolModelNotServed(address node, uint256 modelId);
    error NodePoolLevelTooLow(address node, uint256 level, uint256 minLevel);
    error NodePoolStakeTooLow(address node, uint256 stake, uint256 minStake);
    // ---- reservation ----
    error NodePoolInvalidReservation(uint256 reservePeriodMs, uint256 maxTaskExecutionCount);
    error NodePoolReservationTooLong(uint256 reservePeriodMs, uint256 maxTaskExecutionCount);
    error NodePoolWrongSession(address node, uint256 sessionId, uint256 reservedBy);
    error NodePoolReleaseNotDue(address node, ReleaseReason reason);
    error NodePoolInvalidReleaseReason(ReleaseReason reason);
    // ---- reputation ----
    error NodePoolOutcomeAlreadyRecorded(address node, uint256 roundId);
}

/// @dev What SessionQueue and Cognitive use.
interface INodePoolStats is INodePoolTypes {
    /// @dev Records one NodeStats attempt; false (and nothing changes) for a banned node.
    function recordStat(address node, Metric metric, bool success) external returns (bool applied);
}
