// SPDX-License-Identifier: MIT
// contracts/src/libraries/ReputationRules.sol (phase 2)
pragma solidity ^0.8.24;

/**
 * @dev The pure integer rules of `protocol/reputation` and the node machine's duplicate guard, one
 * function per rule so each can be tested against the spec on its own. Rates are parts per million
 * (ppm): the spec compares floating-point ratios, these compare the same ratios exactly by cross
 * multiplication (`successes / attempts ≥ rate` ⇔ `successes · 1e6 ≥ ratePpm · attempts`).
 */
library ReputationRules {
    uint256 internal constant PPM = 1_000_000;
    /// @dev `LEVEL_SUCCESS_RATE_CAP` (0.99): one failure in the window must not freeze a node.
    uint256 internal constant LEVEL_SUCCESS_RATE_CAP_PPM = 990_000;
    /// @dev `ROUND_MEMORY`: rounds below the newest that the duplicate guard can still tell apart.
    uint256 internal constant ROUND_MEMORY = 32;

    /// @dev Length of one eligibility bucket: the window split into `buckets` parts, rounded up (`computeBucketMs`).
    function computeBucketMs(uint256 windowMs, uint256 buckets) internal pure returns (uint256) {
        return (windowMs + buckets - 1) / buckets;
    }

    /// @dev Is `successes / attempts` at least `ratePpm`? An empty record has rate 0 (no evidence is no success).
    function isRateAtLeast(uint256 successes, uint256 attempts, uint256 ratePpm) internal pure returns (bool) {
        if (attempts == 0) return ratePpm == 0;
        return successes * PPM >= ratePpm * attempts;
    }

    /**
     * @dev What a node at `level` needs to move up (`computeLevelRequirement`):
     * base + step·level consecutive successes and min(0.99, baseRate + stepRate·level).
     */
    function computeLevelRequirement(
        uint256 level,
        uint256 baseConsecutive,
        uint256 stepConsecutive,
        uint256 baseRatePpm,
        uint256 stepRatePpm
    ) internal pure returns (uint256 consecutiveSuccesses, uint256 successRatePpm) {
        consecutiveSuccesses = baseConsecutive + stepConsecutive * level;
        successRatePpm = baseRatePpm + stepRatePpm * level;
        if (successRatePpm > LEVEL_SUCCESS_RATE_CAP_PPM) successRatePpm = LEVEL_SUCCESS_RATE_CAP_PPM;
    }

    /**
     * @dev Is round `roundId` new for a node whose guard holds `lastRoundIdPlusOne` (0: none seen)
     * and `mask` (bit i = round last − 1 − i seen)? A round more than {ROUND_MEMORY} below the
     * newest cannot be told from a repeat and is refused too.
     */
    function isRoundNew(uint256 lastRoundIdPlusOne, uint256 mask, uint256 roundId) internal pure returns (bool) {
        if (roundId + 1 > lastRoundIdPlusOne) return true;
        if (roundId + 1 == lastRoundIdPlusOne) return false;
        uint256 age = lastRoundIdPlusOne - 2 - roundId;
        if (age >= ROUND_MEMORY) return false;
        return (mask >> age) & 1 == 0;
    }

    /// @dev The guard after recording `roundId` (a sliding bit window, as in anti-replay; `markRoundSeen`).
    function markRoundSeen(uint256 lastRoundIdPlusOne, uint256 mask, uint256 roundId)
        internal
        pure
        returns (uint256 newLastPlusOne, uint256 newMask)
    {
        if (roundId + 1 < lastRoundIdPlusOne) {
            return (lastRoundIdPlusOne, mask | (1 << (lastRoundIdPlusOne - 2 - roundId)));
        }
        // The spec's `last` is lastRoundIdPlusOne − 1, so shift = roundId − last.
        uint256 shift = roundId + 1 - lastRoundIdPlusOne;
        uint256 shifted = shift >= ROUND_MEMORY ? 0 : (mask << shift) & 0xffffffff;
        // A previous newest round (last ≥ 0) enters the mask at bit shift − 1 while it is within reach.
        if (lastRoundIdPlusOne > 0 && shift <= ROUND_MEMORY) shifted |= 1 << (shift - 1);
        return (roundId + 1, shifted);
    }

    /**
     * @dev Is a miner last picked in round `lastPickedPlusOne − 1` (0: never) cooling down in round
     * `roundId` (`isInCooldown`)? Picked in round r, it sits out rounds r+1 … r+cooldownRounds.
     */
    function isInCooldown(uint256 lastPickedPlusOne, uint256 roundId, uint256 cooldownRounds) internal pure returns (bool) {
        if (lastPickedPlusOne == 0 || roundId + 1 <= lastPickedPlusOne) return false;
        return roundId + 1 - lastPickedPlusOne <= cooldownRounds;
    }
}
