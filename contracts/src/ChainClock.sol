// SPDX-License-Identifier: MIT
// contracts/src/ChainClock.sol (phase 2)
pragma solidity ^0.8.24;

/**
 * @dev The spec's clock on a chain. The spec counts integer milliseconds from a time origin;
 * a chain counts `block.timestamp` ticks. Two constants, fixed at deployment, relate them:
 * `msPerTick` (1000 on a real chain, 1 to replay conformance vectors tick for millisecond) and
 * `originTick` (the tick the spec's time 0 falls on: 0 on a real chain, so windows and buckets
 * align with Unix time; the replayer's `T0` when vectors are replayed).
 *
 *   nowMs = (block.timestamp − originTick) · msPerTick
 *
 * Stored times are ticks (0 means unset, as in SessionQueue); rules that compare times do it in
 * milliseconds ({_nowMs}, {_msAt}), so a duration parameter needs to be a whole number of ticks
 * only where it becomes a stored tick ({_checkWholeTicks}).
 */
abstract contract ChainClock {
    uint256 private immutable _msPerTick;
    uint256 private immutable _originTick;

    error ChainClockInvalidTimeUnit(uint256 msPerTick);
    error ChainClockOriginInFuture(uint256 originTick, uint256 nowTick);
    error ChainClockNotWholeTicks(uint256 valueMs, uint256 msPerTick);

    /// @dev Reverts with {ChainClockInvalidTimeUnit} for a zero unit, {ChainClockOriginInFuture}
    /// for an origin after the current block.
    constructor(uint256 msPerTick_, uint256 originTick_) {
        if (msPerTick_ == 0) revert ChainClockInvalidTimeUnit(msPerTick_);
        if (originTick_ > block.timestamp) revert ChainClockOriginInFuture(originTick_, block.timestamp);
        _msPerTick = msPerTick_;
        _originTick = originTick_;
    }

    /// @notice Milliseconds per `block.timestamp` tick (1000 on a real chain).
    function msPerTick() public view returns (uint256) {
        return _msPerTick;
    }

    /// @notice The tick of the spec's time 0 (0 on a real chain).
    function originTick() public view returns (uint256) {
        return _originTick;
    }

    /// @dev The spec's `ctx.nowMs`.
    function _nowMs() internal view returns (uint256) {
        return (block.timestamp - _originTick) * _msPerTick;
    }

    /// @dev The spec time of a stored tick (0, unset, must be handled by the caller).
    function _msAt(uint256 tick) internal view returns (uint256) {
        return (tick - _originTick) * _msPerTick;
    }

    /// @dev The tick of spec time `ms` (exact for whole ticks, see {_checkWholeTicks}).
    function _tickAt(uint256 ms) internal view returns (uint256) {
        return _originTick + ms / _msPerTick;
    }

    /// @dev Reverts with {ChainClockNotWholeTicks} unless `valueMs` is a whole number of ticks.
    function _checkWholeTicks(uint256 valueMs) internal view {
        if (valueMs % _msPerTick != 0) revert ChainClockNotWholeTicks(valueMs, _msPerTick);
    }
}
