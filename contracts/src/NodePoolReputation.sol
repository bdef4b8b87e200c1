// SPDX-License-Identifier: MIT
// contracts/src/NodePoolReputation.sol (phase 2)
pragma solidity ^0.8.24;

import {NodePoolStorage} from "./NodePoolStorage.sol";
import {ReputationRules} from "./libraries/ReputationRules.sol";

/**
 * @dev The integer reputation of `protocol/reputation`: NodeStats attempts, cognitive outcomes
 * with the bucketed eligibility window, pool eligibility and levels, and the status a cognitive
 * outcome moves a node to (`protocol/node/cognitive.ts`):
 *
 *   Registered          → Probation, or Available at once if already eligible
 *   Probation           → Available when pool-eligible (window attempts, rate, trailing streak)
 *   Available           → stays, or Probation under `poolExit = windowFails` when the window fails
 *   Reserved            → stays (network tasks go on while reserved)
 *   PendingRevalidation → Available after `revalidationRounds` successes; Probation on a failure
 *
 * Levels move one step at a time: up when the level's success streak and the window's success
 * rate meet the level's requirement, down after `downgradeFailureStreak` failures; both level
 * streaks restart at every change.
 */
abstract contract NodePoolReputation is NodePoolStorage {
    // ---- NodeStats -----------------------------------------------------------------------------

    /// @dev Records `attempts` attempts of `metric`, `successes` of them successful (`recordStatBatch`).
    function _recordStats(address node, Metric metric, uint256 attempts, uint256 successes) internal {
        MetricStats storage m = _metrics[node][metric];
        // In range: a node makes far fewer than 2^64 attempts of one metric.
        m.counter += uint64(attempts);
        m.points += uint64(successes);
    }

    // ---- cognitive outcomes --------------------------------------------------------------------

    /**
     * @dev Records a cognitive round's outcome (totals, streaks, window, level streaks), applies the
     * level move it calls for and moves the status. Emits {NodeLevelChanged} and {NodeStatusChanged}
     * as they happen, in the spec's order.
     */
    function _recordOutcome(address node, NodeRecord storage n, bool success) internal {
        _recordCognitive(node, success);
        _evaluateLevel(node);
        NodeStatus s = n.status;
        if (s == NodeStatus.Registered) {
            _moveTo(node, n, _isPoolEligible(node) ? NodeStatus.Available : NodeStatus.Probation);
        } else if (s == NodeStatus.Probation) {
            if (_isPoolEligible(node)) _moveTo(node, n, NodeStatus.Available);
        } else if (s == NodeStatus.Available) {
            if (_p().poolExit == PoolExit.WindowFails && !_isWindowRecordHeld(node)) _moveTo(node, n, NodeStatus.Probation);
        } else if (s == NodeStatus.PendingRevalidation) {
            _afterRevalidationRound(node, n, success);
        }
        // Reserved stays; the caller's table check keeps Unregistered and Banned away.
    }

    function _afterRevalidationRound(address node, NodeRecord storage n, bool success) private {
        if (!success) {
            _moveTo(node, n, NodeStatus.Probation);
            return;
        }
        uint32 passed = n.passedRounds + 1;
        if (passed >= _p().revalidationRounds) {
            _moveTo(node, n, NodeStatus.Available);
        } else {
            n.passedRounds = passed;
        }
    }

    /// @dev `recordCognitiveOutcome`: lifetime totals, trailing streaks, the window and the level streaks.
    function _recordCognitive(address node, bool success) private {
        CognitiveRecord storage c = _cognitive[node];
        LevelRecord storage l = _levels[node];
        c.attempts += 1;
        if (success) {
            c.successes += 1;
            (c.successStreak, c.failureStreak) = (c.successStreak + 1, 0);
            (l.successStreak, l.failureStreak) = (l.successStreak + 1, 0);
        } else {
            (c.successStreak, c.failureStreak) = (0, c.failureStreak + 1);
            (l.successStreak, l.failureStreak) = (0, l.failureStreak + 1);
        }
        _recordWindowOutcome(node, c, success);
    }

    /**
     * @dev Adds one outcome to the ring (`recordWindowOutcome`): buckets between the old head and the
     * new one are cleared first (at most the ring's length); an outcome with an earlier bucket than
     * the head counts in the head bucket.
     */
    function _recordWindowOutcome(address node, CognitiveRecord storage c, bool success) private {
        uint256 size = _buckets();
        uint256 head = c.headBucket;
        uint256 bucket = _bucketOf(_nowMs());
        if (bucket < head) bucket = head;
        uint256 expired = bucket - head;
        if (expired > size) expired = size;
        (uint32 attempts, uint32 successes) = (c.windowAttempts, c.windowSuccesses);
        for (uint256 i = 1; i <= expired; ++i) {
            Bucket storage old = _ring[node][(head + i) % size];
            attempts -= old.attempts;
            successes -= old.successes;
            (old.attempts, old.successes) = (0, 0);
        }
        Bucket storage b = _ring[node][bucket % size];
        b.attempts += 1;
        attempts += 1;
        if (success) {
            b.successes += 1;
            successes += 1;
        }
        // In range: a bucket number is ms since the origin divided by ≥ 1.
        (c.headBucket, c.windowAttempts, c.windowSuccesses) = (uint64(bucket), attempts, successes);
    }

    /// @dev `checkPoolEligibility(now) === null`: enough window attempts, rate and trailing streak.
    function _isPoolEligible(address node) internal view returns (bool) {
        return _isWindowRecordHeld(node) && _cognitive[node].successStreak >= _p().minConsecutiveSuccesses;
    }

    /// @dev `isWindowRecordHeld`: the window has enough attempts at a high enough rate (streak ignored).
    function _isWindowRecordHeld(address node) internal view returns (bool) {
        (uint256 attempts, uint256 successes) = _windowCounts(node);
        NodeParams storage p = _p();
        return attempts >= p.minAttempts && ReputationRules.isRateAtLeast(successes, attempts, p.minSuccessRatePpm);
    }

    /// @dev `evaluateLevel` then `applyLevelChange`: one step up or down, both level streaks restart.
    function _evaluateLevel(address node) private {
        LevelRecord storage l = _levels[node];
        NodeParams storage p = _p();
        uint8 level = l.level;
        if (level < p.levelsMax) {
            (uint256 needStreak, uint256 needRatePpm) = ReputationRules.computeLevelRequirement(
                level, p.baseConsecutive, p.stepConsecutive, p.baseSuccessRatePpm, p.stepSuccessRatePpm
            );
            if (l.successStreak >= needStreak) {
                (uint256 attempts, uint256 successes) = _windowCounts(node);
                if (ReputationRules.isRateAtLeast(successes, attempts, needRatePpm)) {
                    _changeLevel(node, l, level + 1, LevelChangeReason.SuccessStreak);
                    return;
                }
            }
        }
        if (level > 0 && l.failureStreak >= p.downgradeFailureStreak) {
            _changeLevel(node, l, level - 1, LevelChangeReason.FailureStreak);
        }
    }

    function _changeLevel(address node, LevelRecord storage l, uint8 newLevel, LevelChangeReason reason) private {
        emit NodeLevelChanged(node, l.level, newLevel, reason);
        (l.level, l.successStreak, l.failureStreak, l.changedAt) = (newLevel, 0, 0, _nowTick());
    }
}
