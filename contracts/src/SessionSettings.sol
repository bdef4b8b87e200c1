// SPDX-License-Identifier: MIT
// contracts/src/SessionSettings.sol (phase 2)
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {NodePool} from "./NodePool.sol";
import {ISessionErrors, ISessionEvents} from "./interfaces/ISession.sol";
import {IOracleRegistry} from "./interfaces/IOracleRegistry.sol";
import {ISessionPaymentSession} from "./interfaces/ISessionPayment.sol";
import {ISessionQueueForSession} from "./interfaces/ISessionQueue.sol";
import {SessionRules} from "./libraries/SessionRules.sol";

/**
 * @dev Session's parameters, modules and config validation. The owner sets the `session.*`
 * bounds (defaults and ranges are the spec's) and wires the modules: the OracleRegistry
 * (`assignNodes` and manual releases by an oracle), NodePool (node checks, reservations,
 * dedications), SessionPayment (accounts and escrows) and SessionQueue (task queue and prices).
 *
 * A config is checked field by field in the ABI's order (`checkSessionConfig`), so the first
 * invalid field is the one the spec names. Strings are measured in bytes (`bytes(s).length`,
 * the UTF-8 length the spec measures).
 */
abstract contract SessionSettings is Ownable2Step, ISessionEvents, ISessionErrors {
    uint8 private constant _F_NODES = 0;
    uint8 private constant _F_VALIDATORS = 1;
    uint8 private constant _F_ROUTERS = 2;
    uint8 private constant _F_NAME = 3;
    uint8 private constant _F_METADATA = 4;
    uint8 private constant _F_ROUTER_METADATA = 5;
    uint8 private constant _F_TASK_DATA = 6;
    uint8 private constant _F_TEMPLATE = 7;
    uint8 private constant _F_CLIENT_REFERENCE = 8;
    uint8 private constant _F_PARAM_ENTRIES = 9;
    uint8 private constant _F_TOKENS_CAP = 10;
    uint8 private constant _F_DEFAULT_TOKENS = 11;

    SessionParams private _params;
    IOracleRegistry private _registry;
    NodePool private _pool;
    ISessionPaymentSession private _payment;
    ISessionQueueForSession private _queue;

    modifier onlyQueue() {
        if (msg.sender != address(_queue)) revert SessionNotModule(msg.sender);
        _;
    }

    modifier onlyPool() {
        if (msg.sender != address(_pool)) revert SessionNotModule(msg.sender);
        _;
    }

    constructor(address initialOwner) Ownable(initialOwner) {
        _setParams(SessionParams({
            maxNodesPerSession: 256,
            maxValidatorNodes: 16,
            maxRouters: 8,
            maxNameBytes: 256,
            maxMetadataBytes: 4096,
            maxRouterMetadataBytes: 1024,
            maxTaskDataBytes: 65_536,
            maxPromptTemplateBytes: 16_384,
            maxClientReferenceBytes: 256,
            maxParamEntries: 16,
            maxTokensCap: 32_768,
            defaultMaxTokens: 1024
        }));
    }

    /**
     * @notice Wires the modules (see the contract's description).
     * @dev Requirements: the caller is the owner; no address is zero. Emits {SessionModulesUpdated}.
     */
    function setModules(IOracleRegistry registry, NodePool pool, ISessionPaymentSession payment, ISessionQueueForSession queue)
        external
        onlyOwner
    {
        if (address(registry) == address(0) || address(pool) == address(0)) revert SessionZeroAddress();
        if (address(payment) == address(0) || address(queue) == address(0)) revert SessionZeroAddress();
        (_registry, _pool, _payment, _queue) = (registry, pool, payment, queue);
        emit SessionModulesUpdated(address(registry), address(pool), address(payment), address(queue));
    }

    /**
     * @notice Sets the `session.*` bounds.
     * @dev Requirements: the caller is the owner; every field in the spec's range, and
     * defaultMaxTokens ≤ maxTokensCap. Emits {SessionParamsUpdated}.
     */
    function setParams(SessionParams calldata params) external onlyOwner {
        _setParams(params);
    }

    function getParams() external view returns (SessionParams memory) {
        return _params;
    }

    function getModules() external view returns (address registry, address pool, address payment, address queue) {
        return (address(_registry), address(_pool), address(_payment), address(_queue));
    }

    // ---- internal ------------------------------------------------------------------------------

    function _sp() internal view returns (SessionParams storage) {
        return _params;
    }

    function _getRegistry() internal view returns (IOracleRegistry) {
        return _registry;
    }

    function _getPool() internal view returns (NodePool) {
        return _pool;
    }

    function _getPayment() internal view returns (ISessionPaymentSession) {
        return _payment;
    }

    function _getQueue() internal view returns (ISessionQueueForSession) {
        return _queue;
    }

    /**
     * @dev `checkSessionConfig`: reverts with {SessionInvalidConfig} naming the first invalid field.
     * `c` gives the strings and reserveEphemeralNodes; `n` holds the numeric fields as the ABI passes them, in this order: minNumOfNodes,
     * maxNumOfNodes, redundant, numOfValidatorNodes, mode, sla, modelIdentifier, reservePeriodMs,
     * maxTaskExecutionCount; they are checked before any is narrowed to its storage type.
     */
    function _checkConfig(SessionConfig memory c, uint256[9] memory n) internal view {
        SessionParams storage p = _params;
        _checkField(ConfigField.Name, bytes(c.name).length, 1, p.maxNameBytes);
        _checkField(ConfigField.Metadata, bytes(c.metadata).length, 0, p.maxMetadataBytes);
        _checkField(ConfigField.MinNumOfNodes, n[0], 1, p.maxNodesPerSession);
        _checkField(ConfigField.MaxNumOfNodes, n[1], n[0], p.maxNodesPerSession);
        _checkField(ConfigField.Redundant, n[2], 1, n[1]);
        _checkField(ConfigField.NumOfValidatorNodes, n[3], 0, p.maxValidatorNodes);
        _checkField(ConfigField.Mode, n[4], 0, uint256(SessionMode.Hybrid));
        if (c.reserveEphemeralNodes && n[4] == uint256(SessionMode.Dedicated)) revert SessionInvalidConfig(ConfigField.ReserveEphemeralNodes, 1);
        (uint256 levelsMax, uint256 maxReservePeriodMs, uint256 maxTasksCap) = _pool.getSessionLimits();
        _checkField(ConfigField.Sla, n[5], 0, levelsMax);
        _checkField(ConfigField.ModelIdentifier, n[6], 0, SessionRules.MAX_SAFE_INTEGER);
        _checkField(ConfigField.ReservePeriod, n[7], 1, maxReservePeriodMs);
        _checkField(ConfigField.MaxTaskExecutionCount, n[8], 1, maxTasksCap);
    }

    /// @dev Writes the checked numbers into `c` (every narrowing is within the range just checked).
    function _setNumbers(SessionConfig memory c, uint256[9] memory n) internal pure {
        (c.minNumOfNodes, c.maxNumOfNodes, c.redundant, c.numOfValidatorNodes) = (uint32(n[0]), uint32(n[1]), uint32(n[2]), uint32(n[3]));
        (c.mode, c.sla, c.modelIdentifier) = (SessionMode(n[4]), uint8(n[5]), n[6]);
        (c.reservePeriodMs, c.maxTaskExecutionCount) = (uint64(n[7]), uint32(n[8]));
    }

    /// @dev The numeric fields of `c` in {_checkConfig}'s order.
    function _configNumbers(SessionConfig memory c) internal pure returns (uint256[9] memory) {
        return [
            uint256(c.minNumOfNodes),
            c.maxNumOfNodes,
            c.redundant,
            c.numOfValidatorNodes,
            uint256(c.mode),
            c.sla,
            c.modelIdentifier,
            c.reservePeriodMs,
            c.maxTaskExecutionCount
        ];
    }

    /// @dev Reverts with {SessionInvalidConfig} unless `min ≤ value ≤ max`.
    function _checkField(ConfigField field, uint256 value, uint256 min, uint256 max) internal pure {
        if (value < min || value > max) revert SessionInvalidConfig(field, value);
    }

    /// @dev Reverts with {SessionStringTooLong} / {SessionEmptyInput} unless `minBytes ≤ length ≤ maxBytes`.
    function _checkString(InputField field, uint256 length, uint256 minBytes, uint256 maxBytes) internal pure {
        if (length > maxBytes) revert SessionStringTooLong(field, length, maxBytes);
        if (length < minBytes) revert SessionEmptyInput(field);
    }

    function _setParams(SessionParams memory p) private {
        _checkParam(_F_NODES, p.maxNodesPerSession, 1, 100_000);
        _checkParam(_F_VALIDATORS, p.maxValidatorNodes, 0, 1000);
        _checkParam(_F_ROUTERS, p.maxRouters, 1, 1000);
        _checkParam(_F_NAME, p.maxNameBytes, 1, 1_000_000);
        _checkParam(_F_METADATA, p.maxMetadataBytes, 0, 1_000_000);
        _checkParam(_F_ROUTER_METADATA, p.maxRouterMetadataBytes, 0, 1_000_000);
        _checkParam(_F_TASK_DATA, p.maxTaskDataBytes, 1, 100_000_000);
        _checkParam(_F_TEMPLATE, p.maxPromptTemplateBytes, 0, 100_000_000);
        _checkParam(_F_CLIENT_REFERENCE, p.maxClientReferenceBytes, 0, 1_000_000);
        _checkParam(_F_PARAM_ENTRIES, p.maxParamEntries, 7, 1000);
        _checkParam(_F_TOKENS_CAP, p.maxTokensCap, 1, 10_000_000);
        _checkParam(_F_DEFAULT_TOKENS, p.defaultMaxTokens, 1, p.maxTokensCap);
        _params = p;
        emit SessionParamsUpdated(p);
    }

    function _checkParam(uint8 field, uint256 value, uint256 min, uint256 max) private pure {
        if (value < min || value > max) revert SessionInvalidParam(field, value);
    }
}
