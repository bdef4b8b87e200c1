// SPDX-License-Identifier: MIT
// contracts/src/OracleRegistry.sol (phase 2)
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {ChainClock} from "./ChainClock.sol";
import {IOracleRegistry} from "./interfaces/IOracleRegistry.sol";

/**
 * @title OracleRegistry
 * @dev Oracle leadership on chain, `protocol/oracle/machine.ts` transcribed: registered oracles in
 * ascending address order, time cut into windows of `windowMs` whose base leader is
 * `oracles[window mod N]`, heartbeats, and failover of a silent leader (`rotate`) to the next
 * oracle in address order not yet rotated out in the window.
 *
 * The owner is the ACL administrator: it registers and deregisters oracles and allows the modules
 * (SessionQueue, Session, Cognitive) to call {authorize}, which every oracle action goes through:
 * strict mode accepts only the current leader, lenient mode any registered oracle, and an accepted
 * action by the leader counts as its activity. Every entry point first moves the state to the
 * window of the current time, so leadership never depends on someone calling {tick}.
 *
 * The set is bounded ({MAX_ORACLES}); rotated-out oracles are marked per window so a failover is
 * O(N) and an authorization O(1). Chain time never runs backwards, so the spec's
 * `TimeWentBackwards` cannot occur here.
 */
contract OracleRegistry is ChainClock, Ownable2Step, IOracleRegistry {
    /// @dev Largest oracle set (an on-chain bound; the spec has none).
    uint256 public constant MAX_ORACLES = 256;
    /// @dev `oracle.windowMs`, `graceMs` and `heartbeatMs` may be at most one day.
    uint256 public constant MAX_DURATION_MS = 86_400_000;
    /// @dev `oracle.missedHeartbeats` may be 1 to 1000.
    uint256 public constant MAX_MISSED_HEARTBEATS = 1000;

    uint8 private constant _FIELD_WINDOW = 0;
    uint8 private constant _FIELD_GRACE = 1;
    uint8 private constant _FIELD_HEARTBEAT = 2;
    uint8 private constant _FIELD_MISSED = 3;

    OracleParams private _params;
    address[] private _oracles;
    mapping(address oracle => bool) private _registered;
    mapping(address module => bool) private _modules;

    uint64 private _window;
    address private _leader;
    uint64 private _leaderSince;
    uint64 private _leaderActiveAt;
    address[] private _rotatedOut;
    /// @dev window + 1 for an oracle rotated out in that window (0: never), so a new window clears it.
    mapping(address oracle => uint256) private _rotatedOutInWindowPlusOne;

    /// @dev Reverts with {OracleRegistryNotModule} unless the caller is an allowed module.
    modifier onlyModule() {
        if (!_modules[msg.sender]) revert OracleRegistryNotModule(msg.sender);
        _;
    }

    /// @dev Reverts with {OracleRegistryWrongPhase} while no oracle is registered.
    modifier whenActive() {
        if (_leader == address(0)) revert OracleRegistryWrongPhase(uint8(OracleSetStatus.Empty));
        _;
    }

    /**
     * @dev `msPerTick_` and `originTick_` as in {ChainClock}. The defaults are the spec's
     * (60 s windows, 15 s grace, 5 s heartbeats, grace rule, 2 missed heartbeats, strict).
     */
    constructor(address initialOwner, uint256 msPerTick_, uint256 originTick_)
        ChainClock(msPerTick_, originTick_)
        Ownable(initialOwner)
    {
        _setParams(OracleParams({
            windowMs: 60_000,
            graceMs: 15_000,
            heartbeatMs: 5000,
            failoverRule: FailoverRule.Grace,
            missedHeartbeats: 2,
            mode: OracleMode.Strict
        }));
    }

    // ---- membership (ACL administrator) --------------------------------------------------------

    /**
     * @notice Adds `oracle` to the set. The first oracle leads at once until its window ends; a
     * later one joins the address order and leads from a later window.
     * @dev Requirements: the caller is the owner; `oracle` is not zero, not registered, and the set
     * has room. Emits {OracleRegistered} (and {LeaderChanged} for the first oracle, or when the
     * call starts a new window).
     */
    function registerOracle(address oracle) external onlyOwner {
        if (oracle == address(0)) revert OracleRegistryZeroAddress();
        if (_leader == address(0)) {
            uint64 window = _currentWindow();
            (_window, _leader, _leaderSince, _leaderActiveAt) = (window, oracle, _nowTick(), _nowTick());
            _insert(oracle);
            emit OracleRegistered(oracle);
            emit LeaderChanged(window, address(0), oracle, LeaderChangeReason.Window);
            return;
        }
        _advanceWindow();
        if (_registered[oracle]) revert OracleRegistryAlreadyRegistered(oracle);
        _insert(oracle);
        emit OracleRegistered(oracle);
    }

    /**
     * @notice Registers a whole set at once (the spec's `createOracleSet`): the base leader of the
     * current window leads at once, whatever the list's order.
     * @dev Requirements: the caller is the owner; the set is empty; no zero or repeated address.
     * Emits {OracleRegistered} per oracle in address order, then {LeaderChanged}.
     */
    function registerOracles(address[] calldata oracles) external onlyOwner {
        if (_leader != address(0)) revert OracleRegistryWrongPhase(uint8(OracleSetStatus.Active));
        if (oracles.length == 0) return;
        for (uint256 i = 0; i < oracles.length; ++i) {
            if (oracles[i] == address(0)) revert OracleRegistryZeroAddress();
            if (_registered[oracles[i]]) revert OracleRegistryAlreadyRegistered(oracles[i]);
            _insert(oracles[i]);
        }
        for (uint256 i = 0; i < _oracles.length; ++i) {
            emit OracleRegistered(_oracles[i]);
        }
        uint64 window = _currentWindow();
        address leader = _oracles[window % _oracles.length];
        (_window, _leader, _leaderSince, _leaderActiveAt) = (window, leader, _nowTick(), _nowTick());
        emit LeaderChanged(window, address(0), leader, LeaderChangeReason.Window);
    }

    /**
     * @notice Removes `oracle` from the set.
     * @dev Requirements: the caller is the owner; the set is not empty; `oracle` is registered, is
     * not the last oracle and does not lead the current window (rotate it out or wait for the next
     * window). Emits {OracleDeregistered}.
     */
    function deregisterOracle(address oracle) external onlyOwner whenActive {
        _advanceWindow();
        if (!_registered[oracle]) revert OracleRegistryUnknownOracle(oracle);
        if (_oracles.length == 1) revert OracleRegistryLastOracle(oracle);
        // Handing over here could return leadership to an oracle already rotated out this window.
        if (oracle == _leader) revert OracleRegistryLeaderCannotLeave(oracle, _window);
        _remove(_oracles, oracle);
        _registered[oracle] = false;
        if (_rotatedOutInWindowPlusOne[oracle] == uint256(_window) + 1) {
            _rotatedOutInWindowPlusOne[oracle] = 0;
            _remove(_rotatedOut, oracle);
        }
        emit OracleDeregistered(oracle);
    }

    // ---- liveness and failover -----------------------------------------------------------------

    /**
     * @notice Proof of life of the calling oracle; it counts as activity when the leader sends it.
     * @dev Requirements: the set is not empty; the caller is a registered oracle.
     * Emits {OracleHeartbeat}.
     */
    function heartbeat() external whenActive {
        _advanceWindow();
        if (!_registered[msg.sender]) revert OracleRegistryNotOracle(msg.sender);
        if (msg.sender == _leader) _leaderActiveAt = _nowTick();
        emit OracleHeartbeat(msg.sender, _window);
    }

    /**
     * @notice Moves leadership to the next oracle in address order not yet rotated out in this
     * window, once the leader has been silent for the silence limit. Anyone may call it.
     * @dev Requirements: the set is not empty; now ≥ the leader's last activity + the silence
     * limit ({getRotationDueAt}); some other oracle was not rotated out yet. Emits {LeaderChanged}.
     */
    function rotate() external whenActive {
        _advanceWindow();
        uint256 dueAtMs = _msAt(_leaderActiveAt) + _silenceLimitMs();
        uint256 nowMs = _nowMs();
        if (nowMs < dueAtMs) revert OracleRegistryRotationNotDue(_leader, dueAtMs, nowMs);
        address successor = _successor();
        if (successor == address(0)) revert OracleRegistryNoSuccessor(_window);
        address from = _leader;
        _rotatedOutInWindowPlusOne[from] = uint256(_window) + 1;
        _rotatedOut.push(from);
        (_leader, _leaderSince, _leaderActiveAt) = (successor, _nowTick(), _nowTick());
        emit LeaderChanged(_window, from, successor, LeaderChangeReason.Failover);
    }

    /**
     * @notice Brings the set to the window of the current time (every other call does this too).
     * @dev Requirements: the set is not empty. May emit {LeaderChanged}.
     */
    function tick() external whenActive {
        _advanceWindow();
    }

    /**
     * @notice The modules' check of an oracle action by `actor` (their `msg.sender`).
     * @dev Requirements: the caller is an allowed module; `actor` is a registered oracle
     * ({OracleRegistryNotOracle}); in strict mode, the leader ({OracleRegistryNotLeader}).
     * Records the leader's activity. May emit {LeaderChanged} (a new window).
     */
    function authorize(address actor) external onlyModule {
        if (_leader == address(0)) revert OracleRegistryNotOracle(actor);
        _advanceWindow();
        // The leader is checked first: the common case, and it needs no other read.
        if (actor == _leader) {
            _leaderActiveAt = _nowTick();
            return;
        }
        if (!_registered[actor]) revert OracleRegistryNotOracle(actor);
        if (_params.mode == OracleMode.Strict) revert OracleRegistryNotLeader(actor, _leader);
    }

    // ---- administration ------------------------------------------------------------------------

    /**
     * @notice Allows or disallows `module` to call {authorize}.
     * @dev Requirements: the caller is the owner; `module` is not zero. Emits {OracleModuleUpdated}.
     */
    function setModule(address module, bool allowed) external onlyOwner {
        if (module == address(0)) revert OracleRegistryZeroAddress();
        _modules[module] = allowed;
        emit OracleModuleUpdated(module, allowed);
    }

    /**
     * @notice Sets the `oracle.*` parameters.
     * @dev Requirements: the caller is the owner; windowMs in [1 ms, 1 day] and a whole number of
     * ticks; graceMs ≤ 1 day and below windowMs; heartbeatMs in [1 ms, 1 day], below graceMs under
     * the grace rule; missedHeartbeats in [1, 1000]. Emits {OracleParamsUpdated}.
     * NOTE: the spec fixes parameters for a network's life; a new window length renumbers windows,
     * and leadership stays as recorded until the renumbered window passes the recorded one.
     */
    function setParams(OracleParams calldata params) external onlyOwner {
        _setParams(params);
    }

    // ---- reads ---------------------------------------------------------------------------------

    /// @notice The observable state (times in ticks), as recorded by the last call.
    function getOracleSet() external view returns (OracleSetView memory v) {
        v.status = _leader == address(0) ? OracleSetStatus.Empty : OracleSetStatus.Active;
        v.oracles = _oracles;
        v.window = _window;
        v.leader = _leader;
        v.leaderSince = _leaderSince;
        v.leaderActiveAt = _leaderActiveAt;
        v.rotatedOut = _rotatedOut;
    }

    /// @notice Registered oracles in ascending address order.
    function getOracles() external view returns (address[] memory) {
        return _oracles;
    }

    function isOracle(address account) external view returns (bool) {
        return _registered[account];
    }

    function isModule(address account) external view returns (bool) {
        return _modules[account];
    }

    function getParams() external view returns (OracleParams memory) {
        return _params;
    }

    /// @notice The leader now (the spec's `getLeaderAt`): a later window's base leader, else the recorded one.
    function getLeader() public view returns (address) {
        if (_leader == address(0)) return address(0);
        uint64 window = _currentWindow();
        return window > _window ? _oracles[window % _oracles.length] : _leader;
    }

    /**
     * @notice Earliest tick at which {rotate} succeeds if the current leader stays silent (0 while
     * empty). In a later window the base leader's silence counts from the window start.
     */
    function getRotationDueAt() external view returns (uint256) {
        if (_leader == address(0)) return 0;
        uint64 window = _currentWindow();
        uint256 activeAtMs = window > _window ? uint256(window) * _params.windowMs : _msAt(_leaderActiveAt);
        uint256 dueMs = activeAtMs + _silenceLimitMs();
        // Rounded up to a whole tick: the first tick whose time is at least the due time.
        return originTick() + (dueMs + msPerTick() - 1) / msPerTick();
    }

    /// @notice The window of the current time.
    function getCurrentWindow() external view returns (uint64) {
        return _currentWindow();
    }

    // ---- internal ------------------------------------------------------------------------------

    /// @dev The spec's `advanceWindow`: a later window's base leader takes over from its start.
    function _advanceWindow() private {
        uint64 window = _currentWindow();
        if (window <= _window) return;
        address leader = _oracles[window % _oracles.length];
        address from = _leader;
        uint64 startTick = uint64(_tickAt(uint256(window) * _params.windowMs));
        (_window, _leader, _leaderSince, _leaderActiveAt) = (window, leader, startTick, startTick);
        // The per-window marks expire by themselves; only the listed copy needs clearing.
        delete _rotatedOut;
        if (leader != from) emit LeaderChanged(window, from, leader, LeaderChangeReason.Window);
    }

    /// @dev The next oracle after the leader, cyclically, not rotated out in this window (0: none).
    function _successor() private view returns (address) {
        uint256 n = _oracles.length;
        uint256 leaderIndex = _indexOf(_leader);
        uint256 mark = uint256(_window) + 1;
        for (uint256 step = 1; step < n; ++step) {
            address candidate = _oracles[(leaderIndex + step) % n];
            if (_rotatedOutInWindowPlusOne[candidate] != mark) return candidate;
        }
        return address(0);
    }

    function _silenceLimitMs() private view returns (uint256) {
        OracleParams memory p = _params;
        return p.failoverRule == FailoverRule.Grace ? p.graceMs : uint256(p.heartbeatMs) * p.missedHeartbeats;
    }

    function _currentWindow() private view returns (uint64) {
        // Safe: ms since the origin / ≥ 1 ms fits 64 bits for any block time below 2^64 / 1000 ticks.
        return uint64(_nowMs() / _params.windowMs);
    }

    function _nowTick() private view returns (uint64) {
        return uint64(block.timestamp);
    }

    /// @dev Inserts `oracle` keeping ascending address order (addresses compare as numbers, like the spec's hex).
    function _insert(address oracle) private {
        if (_oracles.length >= MAX_ORACLES) revert OracleRegistryTooManyOracles(MAX_ORACLES);
        _registered[oracle] = true;
        _oracles.push(oracle);
        uint256 i = _oracles.length - 1;
        while (i > 0 && _oracles[i - 1] > oracle) {
            _oracles[i] = _oracles[i - 1];
            --i;
        }
        _oracles[i] = oracle;
    }

    /// @dev Removes `value` from `list`, keeping the order of the rest.
    function _remove(address[] storage list, address value) private {
        uint256 n = list.length;
        uint256 i = 0;
        while (list[i] != value) ++i;
        for (; i + 1 < n; ++i) {
            list[i] = list[i + 1];
        }
        list.pop();
    }

    function _indexOf(address oracle) private view returns (uint256 i) {
        while (_oracles[i] != oracle) ++i;
    }

    function _setParams(OracleParams memory p) private {
        if (p.windowMs == 0 || p.windowMs > MAX_DURATION_MS) revert OracleRegistryInvalidParam(_FIELD_WINDOW, p.windowMs);
        _checkWholeTicks(p.windowMs);
        if (p.graceMs > MAX_DURATION_MS || p.graceMs >= p.windowMs) revert OracleRegistryInvalidParam(_FIELD_GRACE, p.graceMs);
        bool heartbeatTooLong = p.failoverRule == FailoverRule.Grace && p.heartbeatMs >= p.graceMs;
        if (p.heartbeatMs == 0 || p.heartbeatMs > MAX_DURATION_MS || heartbeatTooLong) {
            revert OracleRegistryInvalidParam(_FIELD_HEARTBEAT, p.heartbeatMs);
        }
        if (p.missedHeartbeats == 0 || p.missedHeartbeats > MAX_MISSED_HEARTBEATS) {
            revert OracleRegistryInvalidParam(_FIELD_MISSED, p.missedHeartbeats);
        }
        _params = p;
        emit OracleParamsUpdated(p);
    }
}
