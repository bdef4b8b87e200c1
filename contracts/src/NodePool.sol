// SPDX-License-Identifier: MIT
// contracts/src/NodePool.sol (phase 2)
pragma solidity ^0.8.24;

import {NodePoolConfig} from "./NodePoolConfig.sol";
import {NodePoolReputation} from "./NodePoolReputation.sol";
import {INodePoolStats} from "./interfaces/INodePool.sol";
import {ReputationRules} from "./libraries/ReputationRules.sol";

/**
 * @title NodePool
 * @dev The node lifecycle of `protocol/node` with NodeStats, the cognitive eligibility window,
 * streaks and levels (the integer parts of `protocol/reputation`):
 * Unregistered → Registered → Probation → Available (the ephemeral pool) → Reserved(session) →
 * PendingRevalidation → Available, with Banned reachable from every registered status. Being
 * offline is an overlay (`online`, `missedPings`), not a status; dedicated sessions are a
 * parallel, bounded list.
 *
 * Who calls what: a node registers and pings for itself; anyone books missed pings
 * ({checkLiveness}); the owner (ACL administrator) bans and unbans; Session reserves, releases,
 * counts task executions and attaches dedicated sessions; SessionQueue and Cognitive record
 * NodeStats; Cognitive records round outcomes and relays pings. Each event is checked in the
 * node machine's order (known, allowed in the status with the spec's specific code, well formed)
 * before its rule applies.
 *
 * Routed events that the world skips instead of refusing (a stat, outcome or task execution for a
 * node banned meanwhile; a task execution for a node no longer reserved by that session) return
 * false and change nothing, so a task or round can always end.
 */
contract NodePool is NodePoolReputation, INodePoolStats {
    /**
     * @dev `msPerTick_`, `originTick_` as in {ChainClock}; `windowMs` and `windowBuckets` fix the
     * eligibility window (spec defaults: 7 days, 28 buckets).
     */
    constructor(address initialOwner, uint256 msPerTick_, uint256 originTick_, uint256 windowMs, uint256 windowBuckets)
        NodePoolConfig(initialOwner, msPerTick_, originTick_, windowMs, windowBuckets)
    {}

    // ---- membership ----------------------------------------------------------------------------

    /**
     * @notice The caller registers as a node serving `models`; it starts online.
     * @dev Requirements: the caller is not registered ({NodePoolAlreadyRegistered}) nor banned;
     * 1 ≤ models ≤ `maxModels`, no id twice, each a safe integer. Emits {NodeRegistered} and
     * {NodeStatusChanged}.
     */
    function register(uint256[] calldata models) external {
        NodeRecord storage n = _nodes[msg.sender];
        NodeStatus s = n.status;
        if (s == NodeStatus.Banned) revert NodePoolNodeBanned(msg.sender);
        if (s != NodeStatus.Unregistered) revert NodePoolAlreadyRegistered(msg.sender, s);
        uint256 count = models.length;
        if (count == 0 || count > _p().maxModels) revert NodePoolInvalidModels(count, _p().maxModels);
        for (uint256 i = 0; i < count; ++i) {
            uint256 modelId = models[i];
            if (modelId > _MAX_SAFE_INTEGER) revert NodePoolInvalidModelId(modelId);
            if (n.serves[modelId]) revert NodePoolDuplicateModel(modelId);
            n.serves[modelId] = true;
        }
        uint64 nowTick = _nowTick();
        n.models = models;
        (n.registeredAt, n.updatedAt, n.lastPingAt) = (nowTick, nowTick, nowTick);
        n.online = true;
        _cognitive[msg.sender].headBucket = uint64(_bucketOf(_nowMs()));
        emit NodeRegistered(msg.sender, models);
        _moveTo(msg.sender, n, NodeStatus.Registered);
    }

    /**
     * @notice Blocklists `node` from any registered status; a reserved node also leaves its
     * session (Session is told, as the world releases it from the session's list).
     * @dev Requirements: the caller is the owner; `node` is registered and not banned.
     * Emits {NodeReleased} (reason Banned, when reserved), {NodeBanned}, {NodeStatusChanged}.
     */
    function ban(address node) external onlyOwner {
        NodeRecord storage n = _getRegistered(node);
        NodeStatus s = n.status;
        if (s == NodeStatus.Banned) revert NodePoolNodeBanned(node);
        uint256 sessionId = s == NodeStatus.Reserved ? n.sessionId : 0;
        if (sessionId != 0) emit NodeReleased(node, sessionId, ReleaseReason.Banned, n.tasksExecuted);
        emit NodeBanned(node, msg.sender);
        _moveTo(node, n, NodeStatus.Banned);
        n.updatedAt = _nowTick();
        if (sessionId != 0) _sessionCallback().onNodeBanned(node, sessionId);
    }

    /**
     * @notice Takes `node` off the blocklist: it qualifies again from Probation; its reputation is kept.
     * @dev Requirements: the caller is the owner; `node` is banned. Emits {NodeUnbanned}, {NodeStatusChanged}.
     */
    function unban(address node) external onlyOwner {
        NodeRecord storage n = _getRegistered(node);
        if (n.status != NodeStatus.Banned) revert NodePoolWrongPhase(node, n.status);
        emit NodeUnbanned(node, msg.sender);
        _moveTo(node, n, NodeStatus.Probation);
        n.updatedAt = _nowTick();
    }

    // ---- liveness ------------------------------------------------------------------------------

    /**
     * @notice The calling node's liveness ping: back online if it was offline; a Ping success.
     * @dev Requirements: the caller is registered and not banned. Emits {NodeOnline} when it was offline.
     */
    function ping() external {
        _ping(msg.sender);
    }

    /**
     * @notice Cognitive's `ping()` relayed for the node that called it.
     * @dev Requirements: the caller is Cognitive; as {ping} for `node`.
     */
    function pingFor(address node) external onlyCognitive {
        _ping(node);
    }

    /**
     * @notice Books the ping intervals `node` missed since the last check (each a Ping failure) and
     * takes it offline at `offlineAfterMissedPings`. Anyone may call it.
     * @dev Requirements: `node` is registered and not banned. Emits {NodeOffline} when it goes offline.
     */
    function checkLiveness(address node) external {
        NodeRecord storage n = _getActive(node);
        uint256 missed = _missedPingsNow(n);
        if (missed <= n.missedPings) return;
        bool goesOffline = n.online && missed >= _p().offlineAfterMissedPings;
        _recordStats(node, Metric.Ping, missed - n.missedPings, 0);
        // In range: whole ping intervals (≥ 1 ms) of 64-bit tick times.
        (n.missedPings, n.updatedAt) = (uint32(missed), _nowTick());
        if (goesOffline) {
            n.online = false;
            emit NodeOffline(node, uint32(missed), n.lastPingAt);
        }
    }

    // ---- reputation (modules) ------------------------------------------------------------------

    /**
     * @notice Records one NodeStats attempt of `metric` (SessionQueue's phase ends, Cognitive's rounds).
     * @dev Requirements: the caller is SessionQueue or Cognitive; `node` is registered. Returns
     * false, changing nothing, for a banned node.
     */
    function recordStat(address node, Metric metric, bool success) external onlyStatsModule returns (bool) {
        NodeRecord storage n = _nodes[node];
        if (n.status == NodeStatus.Unregistered) revert NodePoolNotRegistered(node);
        if (n.status == NodeStatus.Banned) return false;
        _recordStats(node, metric, 1, success ? 1 : 0);
        n.updatedAt = _nowTick();
        return true;
    }

    /**
     * @notice Records that `node` took part in network-task round `roundId` and whether it did its
     * part: feeds the window, streaks, level and the pool status.
     * @dev Requirements: the caller is Cognitive; `node` is registered; the round's outcome was not
     * recorded before (and is at most 32 rounds older than the newest recorded). Returns false,
     * changing nothing, for a banned node. May emit {NodeLevelChanged}, {NodeStatusChanged}.
     */
    function recordCognitiveOutcome(address node, uint256 roundId, bool success) external onlyCognitive returns (bool) {
        NodeRecord storage n = _nodes[node];
        if (n.status == NodeStatus.Unregistered) revert NodePoolNotRegistered(node);
        if (n.status == NodeStatus.Banned) return false;
        (uint256 lastPlusOne, uint256 mask) = (n.lastRoundIdPlusOne, n.roundsSeenMask);
        if (!ReputationRules.isRoundNew(lastPlusOne, mask, roundId)) revert NodePoolOutcomeAlreadyRecorded(node, roundId);
        (lastPlusOne, mask) = ReputationRules.markRoundSeen(lastPlusOne, mask, roundId);
        // In range: round ids are a counter; the mask keeps 32 bits.
        (n.lastRoundIdPlusOne, n.roundsSeenMask, n.updatedAt) = (uint64(lastPlusOne), uint32(mask), _nowTick());
        _recordOutcome(node, n, success);
        return true;
    }

    // ---- reservations and dedications (Session) ------------------------------------------------

    /**
     * @notice `sessionId` reserves `node` from the pool for `reservePeriodMs` and at most
     * `maxTaskExecutionCount` tasks.
     * @dev Requirements: the caller is Session; `node` is Available (else the spec's code: not
     * registered, banned, reserved, not available); both terms positive and within
     * `maxReservePeriodMs` and `maxTaskExecutionCountCap`; `node` is online.
     * Emits {NodeStatusChanged}, {NodeReserved}.
     */
    function reserve(address node, uint256 sessionId, uint256 reservePeriodMs, uint256 maxTaskExecutionCount)
        external
        onlySessionModule
    {
        NodeRecord storage n = _nodes[node];
        NodeStatus s = n.status;
        if (s != NodeStatus.Available) _revertNotReservable(node, n);
        if (reservePeriodMs == 0 || maxTaskExecutionCount == 0) revert NodePoolInvalidReservation(reservePeriodMs, maxTaskExecutionCount);
        if (reservePeriodMs > _p().maxReservePeriodMs || maxTaskExecutionCount > _p().maxTaskExecutionCountCap) {
            revert NodePoolReservationTooLong(reservePeriodMs, maxTaskExecutionCount);
        }
        if (!_isOnlineNow(n)) revert NodePoolNodeOffline(node);
        uint64 nowTick = _nowTick();
        _moveTo(node, n, NodeStatus.Reserved);
        // In range: both are bounded by the caps checked above.
        (n.sessionId, n.reservedAt, n.tasksExecuted) = (sessionId, nowTick, 0);
        (n.reservePeriodMs, n.maxTaskExecutionCount, n.updatedAt) = (uint64(reservePeriodMs), uint32(maxTaskExecutionCount), nowTick);
        emit NodeReserved(node, sessionId, nowTick, uint64(reservePeriodMs), uint32(maxTaskExecutionCount));
    }

    /**
     * @notice Ends `node`'s reservation by `sessionId`: it re-validates (`revalidationRounds`
     * cognitive rounds) before it returns to the pool, or returns at once when that is 0.
     * @dev Requirements: the caller is Session; `node` is Reserved by `sessionId`; `reason` is due:
     * Period once the period elapsed, TaskCount under `firstOf` once the count is reached,
     * Deactivated and Manual always (Banned is refused: it only names a ban's release).
     * Emits {NodeStatusChanged}, {NodeReleased}.
     */
    function release(address node, uint256 sessionId, ReleaseReason reason) external onlySessionModule {
        NodeRecord storage n = _nodes[node];
        NodeStatus s = n.status;
        if (s == NodeStatus.Unregistered) revert NodePoolNotRegistered(node);
        if (s == NodeStatus.Banned) revert NodePoolNodeBanned(node);
        if (s != NodeStatus.Reserved) revert NodePoolWrongPhase(node, s);
        // `Banned` names a ban's release in events; it is not a reason to ask for one.
        if (reason == ReleaseReason.Banned) revert NodePoolInvalidReleaseReason(reason);
        if (n.sessionId != sessionId) revert NodePoolWrongSession(node, sessionId, n.sessionId);
        if (!_isReleaseAllowed(n, reason)) revert NodePoolReleaseNotDue(node, reason);
        uint32 tasksExecuted = n.tasksExecuted;
        if (_p().revalidationRounds == 0) {
            _moveTo(node, n, NodeStatus.Available);
        } else {
            _moveTo(node, n, NodeStatus.PendingRevalidation);
            (n.releasedAt, n.passedRounds) = (_nowTick(), 0);
        }
        n.updatedAt = _nowTick();
        emit NodeReleased(node, sessionId, reason, tasksExecuted);
    }

    /**
     * @notice One user task of `sessionId` finished on `node`. It counts against that session's
     * reservation; for a session the node is dedicated to it changes nothing.
     * @dev Requirements: the caller is Session; `node` is registered. Returns `applied` false,
     * changing nothing, when the node is banned or neither reserved by nor dedicated to
     * `sessionId` (a task that ended after its node was released); `releaseDue` is true when the
     * reservation is now due for release by task count (and not already by period).
     */
    function taskExecuted(address node, uint256 sessionId) external onlySessionModule returns (bool applied, bool releaseDue) {
        NodeRecord storage n = _nodes[node];
        NodeStatus s = n.status;
        if (s == NodeStatus.Unregistered) revert NodePoolNotRegistered(node);
        if (s == NodeStatus.Banned) return (false, false);
        if (s == NodeStatus.Reserved && n.sessionId == sessionId) {
            ++n.tasksExecuted;
            n.updatedAt = _nowTick();
            (bool due, ReleaseReason reason) = _dueReleaseReason(n);
            return (true, due && reason == ReleaseReason.TaskCount);
        }
        return (_isDedicatedTo(n, sessionId), false);
    }

    /**
     * @notice A session owner (checked by Session) dedicates `node` to `sessionId`.
     * @dev Requirements: the caller is Session; `node` is registered, not banned, not already
     * dedicated to `sessionId`, dedicated to fewer than `maxDedicatedSessions` sessions.
     * Emits {DedicatedNodeAdded}.
     */
    function addDedicated(address node, uint256 sessionId, address actor) external onlySessionModule {
        NodeRecord storage n = _nodes[node];
        if (n.status == NodeStatus.Unregistered) revert NodePoolNotRegistered(node);
        if (n.status == NodeStatus.Banned) revert NodePoolNodeBanned(node);
        if (_isDedicatedTo(n, sessionId)) revert NodePoolAlreadyDedicated(node, sessionId);
        uint256 max = _p().maxDedicatedSessions;
        if (n.dedicatedSessions.length >= max) revert NodePoolTooManyDedicatedSessions(node, max);
        n.dedicatedSessions.push(sessionId);
        n.updatedAt = _nowTick();
        emit DedicatedNodeAdded(node, sessionId, actor);
    }

    /**
     * @notice Detaches `node` from `sessionId` (also allowed for a banned node).
     * @dev Requirements: the caller is Session; `node` is registered and dedicated to `sessionId`.
     * Emits {DedicatedNodeRemoved}.
     */
    function removeDedicated(address node, uint256 sessionId, address actor) external onlySessionModule {
        NodeRecord storage n = _nodes[node];
        if (n.status == NodeStatus.Unregistered) revert NodePoolNotRegistered(node);
        uint256 i = _indexOfSession(n, sessionId);
        uint256 count = n.dedicatedSessions.length;
        if (i == count) revert NodePoolNotDedicated(node, sessionId);
        // Order kept, as the spec's filter keeps it.
        for (; i + 1 < count; ++i) {
            n.dedicatedSessions[i] = n.dedicatedSessions[i + 1];
        }
        n.dedicatedSessions.pop();
        n.updatedAt = _nowTick();
        emit DedicatedNodeRemoved(node, sessionId, actor);
    }

    // ---- internal ------------------------------------------------------------------------------

    function _ping(address node) private {
        NodeRecord storage n = _getActive(node);
        bool wasOnline = n.online;
        uint64 nowTick = _nowTick();
        (n.online, n.missedPings, n.updatedAt) = (true, 0, nowTick);
        if (nowTick > n.lastPingAt) n.lastPingAt = nowTick;
        _recordStats(node, Metric.Ping, 1, 1);
        if (!wasOnline) emit NodeOnline(node);
    }

    /// @dev The node, registered (else {NodePoolUnknownNode}: the world has never seen it).
    function _getRegistered(address node) private view returns (NodeRecord storage n) {
        n = _nodes[node];
        if (n.status == NodeStatus.Unregistered) revert NodePoolUnknownNode(node);
    }

    /// @dev The node, registered and not banned (the statuses that take pings).
    function _getActive(address node) private view returns (NodeRecord storage n) {
        n = _getRegistered(node);
        if (n.status == NodeStatus.Banned) revert NodePoolNodeBanned(node);
    }

    /// @dev The spec's code for a reservation of a node outside the pool.
    function _revertNotReservable(address node, NodeRecord storage n) private view {
        NodeStatus s = n.status;
        if (s == NodeStatus.Unregistered) revert NodePoolNotRegistered(node);
        if (s == NodeStatus.Banned) revert NodePoolNodeBanned(node);
        if (s == NodeStatus.Reserved) revert NodePoolNodeReserved(node, n.sessionId);
        revert NodePoolNodeNotAvailable(node, s);
    }

    /// @dev `checkReleaseDue`: Period and TaskCount when due, Deactivated and Manual always.
    function _isReleaseAllowed(NodeRecord storage n, ReleaseReason reason) private view returns (bool) {
        if (reason == ReleaseReason.Period) return _nowMs() >= _msAt(n.reservedAt) + n.reservePeriodMs;
        if (reason == ReleaseReason.TaskCount) {
            return _p().releaseRule == ReleaseRule.FirstOf && n.tasksExecuted >= n.maxTaskExecutionCount;
        }
        return true;
    }
}
