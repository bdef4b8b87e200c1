// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test} from "forge-std/Test.sol";
import {OracleRegistry} from "../../src/OracleRegistry.sol";
import {IOracleRegistryTypes} from "../../src/interfaces/IOracleRegistry.sol";

/**
 * @dev Drives one OracleRegistry for invariant tests, as the owner, as oracles and as the module
 * that calls `authorize`: registrations and deregistrations from a pool of five candidates,
 * heartbeats, rotations, authorizations by oracles and strangers, switches between strict and
 * lenient mode and between the grace and missed-heartbeats rules, and time passing (mostly within
 * a window, now and then across several). Rejected calls revert and change nothing.
 *
 * Ghost state: every authorization the registry accepted in strict mode, checked against the
 * leader a read just before the call predicted (`wrongLeaderAccepted`); the leaders seen in the
 * current window after a failover (`_failedOverInWindow`), to check that none leads again.
 */
contract OracleRegistryHandler is Test, IOracleRegistryTypes {
    uint256 public constant CANDIDATES = 5;

    OracleRegistry public immutable registry;
    address public immutable owner;
    address[CANDIDATES] internal _candidates;

    uint256 public wrongLeaderAccepted;
    uint256 public acceptedActions;
    uint256 public rotations;
    uint64 public ghostWindow;
    address[] internal _failedOver;

    constructor(OracleRegistry registry_, address owner_) {
        (registry, owner) = (registry_, owner_);
        for (uint256 i = 0; i < CANDIDATES; ++i) {
            _candidates[i] = address(uint160(0x0AC1E0 + 17 * i));
        }
    }

    function register(uint256 seed) external {
        vm.prank(owner);
        registry.registerOracle(_candidate(seed));
    }

    /// @dev A deregistered oracle leaves the window's failover record too (it may return later, as in the spec).
    function deregister(uint256 seed) external {
        address oracle = _candidate(seed);
        vm.prank(owner);
        registry.deregisterOracle(oracle);
        for (uint256 i = 0; i < _failedOver.length; ++i) {
            if (_failedOver[i] == oracle) {
                _failedOver[i] = _failedOver[_failedOver.length - 1];
                _failedOver.pop();
                return;
            }
        }
    }

    function heartbeat(uint256 seed) external {
        vm.prank(_candidate(seed));
        registry.heartbeat();
    }

    function rotate() external {
        address before = registry.getLeader();
        registry.rotate();
        _track();
        _failedOver.push(before);
        ++rotations;
    }

    function tick() external {
        registry.tick();
        _track();
    }

    /// @dev An oracle action through the module; a stranger now and then.
    function authorize(uint256 seed) external {
        address actor = seed % 7 == 0 ? address(0xBAD) : _candidate(seed);
        address predicted = registry.getLeader();
        registry.authorize(actor);
        ++acceptedActions;
        if (registry.getParams().mode == OracleMode.Strict && actor != predicted) ++wrongLeaderAccepted;
        _track();
    }

    function setRules(bool lenient, bool missedHeartbeats) external {
        OracleParams memory p = registry.getParams();
        (p.mode, p.failoverRule) = (lenient ? OracleMode.Lenient : OracleMode.Strict, missedHeartbeats ? FailoverRule.MissedHeartbeats : FailoverRule.Grace);
        vm.prank(owner);
        registry.setParams(p);
    }

    /// @dev Mostly a few seconds, sometimes past the silence limit, now and then several windows.
    function warp(uint256 seed) external {
        uint256 step = seed % 10 == 0 ? bound(seed >> 8, 60, 300) : bound(seed >> 8, 1, 20);
        vm.warp(block.timestamp + step);
    }

    // ---- reads for the invariants --------------------------------------------------------------

    function failedOverInWindow() external view returns (address[] memory) {
        return _failedOver;
    }

    function candidates() external view returns (address[CANDIDATES] memory) {
        return _candidates;
    }

    function _candidate(uint256 seed) private view returns (address) {
        return _candidates[seed % CANDIDATES];
    }

    /// @dev Starts a fresh failover record whenever the recorded window moves on.
    function _track() private {
        uint64 window = registry.getOracleSet().window;
        if (window != ghostWindow) {
            ghostWindow = window;
            delete _failedOver;
        }
    }
}
