// SPDX-License-Identifier: MIT
// contracts/src/interfaces/IOracleRegistry.sol (phase 2)
pragma solidity ^0.8.24;

/**
 * @dev Types, events and errors of the oracle registry (`protocol/oracle`). Enums follow the
 * spec's order: {OracleSetStatus} is `ORACLE_SET_STATUSES`, {FailoverRule} and {OracleMode} the
 * `values` of `oracle.failoverRule` and `oracle.mode`.
 */
interface IOracleRegistryTypes {
    /// @dev `Empty` until the first oracle registers; then there is always exactly one leader.
    enum OracleSetStatus {
        Empty,
        Active
    }

    /// @dev Why leadership moved (`LeaderChangeReason`).
    enum LeaderChangeReason {
        Window,
        Failover
    }

    /// @dev `oracle.failoverRule`: silence limit `graceMs`, or `heartbeatMs × missedHeartbeats`.
    enum FailoverRule {
        Grace,
        MissedHeartbeats
    }

    /// @dev `oracle.mode`: only the leader acts (strict) or any registered oracle (lenient).
    enum OracleMode {
        Strict,
        Lenient
    }

    /// @dev The `oracle.*` parameters, in milliseconds.
    struct OracleParams {
        uint32 windowMs;
        uint32 graceMs;
        uint32 heartbeatMs;
        FailoverRule failoverRule;
        uint16 missedHeartbeats;
        OracleMode mode;
    }

    /// @dev The observable projection of `OracleSetState`; times are ticks.
    struct OracleSetView {
        OracleSetStatus status;
        address[] oracles;
        uint64 window;
        address leader;
        uint64 leaderSince;
        uint64 leaderActiveAt;
        address[] rotatedOut;
    }
}

interface IOracleRegistryEvents is IOracleRegistryTypes {
    event OracleRegistered(address indexed oracle);
    event OracleDeregistered(address indexed oracle);
    event OracleHeartbeat(address indexed oracle, uint64 window);
    /// @dev `from` is the zero address when the first leader takes over.
    event LeaderChanged(uint64 indexed window, address indexed from, address indexed to, LeaderChangeReason reason);
    event OracleModuleUpdated(address indexed module, bool allowed);
    event OracleParamsUpdated(OracleParams params);
}

interface IOracleRegistryErrors is IOracleRegistryTypes {
    error OracleRegistryNotOracle(address account);
    error OracleRegistryNotLeader(address account, address leader);
    error OracleRegistryNotModule(address account);
    error OracleRegistryWrongPhase(uint8 status);
    error OracleRegistryZeroAddress();
    error OracleRegistryAlreadyRegistered(address oracle);
    error OracleRegistryUnknownOracle(address oracle);
    error OracleRegistryLastOracle(address oracle);
    error OracleRegistryLeaderCannotLeave(address oracle, uint64 window);
    error OracleRegistryRotationNotDue(address leader, uint256 dueAtMs, uint256 nowMs);
    error OracleRegistryNoSuccessor(uint64 window);
    error OracleRegistryTooManyOracles(uint256 max);
    error OracleRegistryInvalidParam(uint8 field, uint256 value);
}

/// @dev What the modules (SessionQueue, Session, Cognitive) use.
interface IOracleRegistry is IOracleRegistryEvents, IOracleRegistryErrors {
    /// @dev Reverts unless `actor` may perform an oracle action now; records the leader's activity.
    function authorize(address actor) external;
}
