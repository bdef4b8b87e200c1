// SPDX-License-Identifier: MIT
// contracts/src/SessionQueueConfig.sol (phase 2)
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {INodePoolStats} from "./interfaces/INodePool.sol";
import {IOracleRegistry} from "./interfaces/IOracleRegistry.sol";
import {ISessionForQueue} from "./interfaces/ISession.sol";
import {ISessionPaymentQueue} from "./interfaces/ISessionPayment.sol";
import {ISessionQueueErrors, ISessionQueueEvents} from "./interfaces/ISessionQueue.sol";

/**
 * @dev Who may drive the queue and with which parameters: the owner wires the modules the queue
 * works with (the OracleRegistry that authorizes every oracle action, SessionPayment that settles
 * and refunds escrows and slashes stakes, NodePool that keeps NodeStats, and Session, which checks
 * assignments and counts task executions against reservations), manages the session-module
 * allow-list and sets the parameters of `protocol/params/spec.ts` that the queue uses. Defaults
 * and ranges equal the spec's, in the spec's units.
 *
 * Time: the spec counts milliseconds, a chain counts `block.timestamp` ticks. {msPerTick}, fixed
 * at deployment, says how many milliseconds one tick is: 1000 on a real chain (seconds; every
 * deadline parameter must then be a whole number of seconds), 1 to replay the spec's conformance
 * vectors exactly (one tick per vector millisecond, so ±1 ms deadline edges replay as written).
 * Parameters are set in milliseconds, like the spec's; stored times and deadlines are in ticks.
 *
 * Parameters are read when an action needs them, as the spec reads `ctx.params` at each event:
 * a new deadline applies to the next phase that opens, a new quorum rule to the next task queued,
 * a new commit scheme to the next reveal, new prices to the next task that ends.
 *
 * NOTE: the queue works only once {setModules} has wired it; until then oracle actions and task
 * ends revert (calls to the zero address).
 */
abstract contract SessionQueueConfig is Ownable2Step, ISessionQueueEvents, ISessionQueueErrors {
    /// @dev `userTask.ackDeadlineMs` and the other phase deadlines may be 1 ms to 1 day.
    uint256 public constant MAX_PHASE_DEADLINE_MS = 86_400_000;
    /// @dev `userTask.totalTimeoutMs` may be 1 ms to 7 days.
    uint256 public constant MAX_TOTAL_TIMEOUT_MS = 604_800_000;
    /// @dev `userTask.maxReassignments` may be 0 to 100.
    uint256 public constant MAX_REASSIGNMENTS = 100;
    uint256 private constant _MAX_BPS = 10_000;

    uint256 private immutable _msPerTick;
    Params private _params;
    uint256 private _pricePerMinerTask;
    uint256 private _pricePerOutputToken;
    mapping(address account => bool) private _sessionModules;
    IOracleRegistry private _registry;
    ISessionPaymentQueue private _payment;
    INodePoolStats private _pool;
    ISessionForQueue private _session;

    /// @dev Reverts unless the registry authorizes the caller as an oracle now (leader in strict mode).
    modifier onlyOracle() {
        _registry.authorize(msg.sender);
        _;
    }

    /// @dev Reverts with {SessionQueueNotSessionModule} unless the caller is an allowed session module.
    modifier onlySessionModule() {
        if (!_sessionModules[msg.sender]) revert SessionQueueNotSessionModule(msg.sender);
        _;
    }

    /// @dev Reverts with {SessionQueueInvalidTimeUnit} for a zero `msPerTick_`, and with
    /// {SessionQueueDeadlineNotWholeTicks} when a default deadline is not a whole number of ticks.
    constructor(address initialOwner, uint256 msPerTick_) Ownable(initialOwner) {
        if (msPerTick_ == 0) revert SessionQueueInvalidTimeUnit(msPerTick_);
        _msPerTick = msPerTick_;
        _params = Params({
            ackDeadlineMs: 15_000,
            precommitDeadlineMs: 90_000,
            commitDeadlineMs: 60_000,
            totalTimeoutMs: 300_000,
            maxReassignments: 1,
            quorumRule: QuorumRule.Majority,
            onShortage: OnShortage.Reassign,
            commitScheme: CommitScheme.MinerBound,
            slashing: Slashing.None,
            slashBps: 1000
        });
        _pricePerMinerTask = 1e17; // 0.1 COR
        _checkDeadline(15_000, MAX_PHASE_DEADLINE_MS);
        _checkDeadline(90_000, MAX_PHASE_DEADLINE_MS);
        _checkDeadline(60_000, MAX_PHASE_DEADLINE_MS);
        _checkDeadline(300_000, MAX_TOTAL_TIMEOUT_MS);
    }

    // ---- modules and allow-list ----------------------------------------------------------------

    /**
     * @notice Wires the modules the queue calls.
     * @dev Requirements: the caller is the owner; no address is zero. Emits a {ModulesUpdated} event.
     */
    function setModules(IOracleRegistry registry, ISessionPaymentQueue payment, INodePoolStats pool, ISessionForQueue session)
        external
        onlyOwner
    {
        if (address(registry) == address(0) || address(payment) == address(0) || address(pool) == address(0)) {
            revert SessionQueueZeroAddress();
        }
        if (address(session) == address(0)) revert SessionQueueZeroAddress();
        (_registry, _payment, _pool, _session) = (registry, payment, pool, session);
        emit ModulesUpdated(registry, payment, pool, session);
    }

    /// @notice The wired modules (zero until {setModules}).
    function getModules()
        external
        view
        returns (IOracleRegistry registry, ISessionPaymentQueue payment, INodePoolStats pool, ISessionForQueue session)
    {
        return (_registry, _payment, _pool, _session);
    }

    /**
     * @notice Allows or disallows `module` (the session contract) to enqueue tasks.
     * @dev Requirements: the caller is the owner; `module` is not the zero address.
     * Emits a {SessionModuleUpdated} event.
     */
    function setSessionModule(address module, bool allowed) external onlyOwner {
        if (module == address(0)) revert SessionQueueZeroAddress();
        _sessionModules[module] = allowed;
        emit SessionModuleUpdated(module, allowed);
    }

    /// @notice Whether `account` may enqueue tasks.
    function isSessionModule(address account) external view returns (bool) {
        return _sessionModules[account];
    }

    // ---- parameters ----------------------------------------------------------------------------

    /**
     * @notice Sets the phase deadlines and the total timeout, in milliseconds.
     * @dev Requirements: the caller is the owner; each phase deadline in [1 ms, 1 day], the total
     * timeout in [1 ms, 7 days]; each a whole number of ticks ({msPerTick}).
     * Emits a {DeadlinesUpdated} event.
     */
    function setDeadlines(uint32 ackMs, uint32 precommitMs, uint32 commitMs, uint32 totalMs) external onlyOwner {
        _checkDeadline(ackMs, MAX_PHASE_DEADLINE_MS);
        _checkDeadline(precommitMs, MAX_PHASE_DEADLINE_MS);
        _checkDeadline(commitMs, MAX_PHASE_DEADLINE_MS);
        _checkDeadline(totalMs, MAX_TOTAL_TIMEOUT_MS);
        Params storage p = _params;
        (p.ackDeadlineMs, p.precommitDeadlineMs, p.commitDeadlineMs, p.totalTimeoutMs) = (ackMs, precommitMs, commitMs, totalMs);
        emit DeadlinesUpdated(ackMs, precommitMs, commitMs, totalMs);
    }

    /**
     * @notice Sets what happens to a task left with fewer miners than its quorum.
     * @dev Requirements: the caller is the owner; `maxReassignments` ≤ {MAX_REASSIGNMENTS}.
     * Emits a {ShortagePolicyUpdated} event.
     */
    function setShortagePolicy(OnShortage onShortage, uint16 maxReassignments) external onlyOwner {
        if (maxReassignments > MAX_REASSIGNMENTS) revert SessionQueueInvalidMaxReassignments(maxReassignments, MAX_REASSIGNMENTS);
        (_params.onShortage, _params.maxReassignments) = (onShortage, maxReassignments);
        emit ShortagePolicyUpdated(onShortage, maxReassignments);
    }

    /**
     * @notice Sets the quorum rule for tasks queued from now on.
     * @dev Requirements: the caller is the owner. Emits a {QuorumRuleUpdated} event.
     */
    function setQuorumRule(QuorumRule quorumRule) external onlyOwner {
        _params.quorumRule = quorumRule;
        emit QuorumRuleUpdated(quorumRule);
    }

    /**
     * @notice Chooses the precommit hash scheme checked at reveal.
     * @dev Requirements: the caller is the owner. Emits a {CommitSchemeUpdated} event.
     * NOTE: `Plain` is the published `getHash(result)`; it lets a miner copy another miner's
     * precommit and reveal. It exists to demonstrate that attack.
     */
    function setCommitScheme(CommitScheme commitScheme) external onlyOwner {
        _params.commitScheme = commitScheme;
        emit CommitSchemeUpdated(commitScheme);
    }

    /**
     * @notice Sets whether a miner that precommitted and never revealed is reported for slashing.
     * @dev Requirements: the caller is the owner; `slashBps` ≤ 10,000. Emits a {SlashingUpdated} event.
     */
    function setSlashing(Slashing slashing, uint16 slashBps) external onlyOwner {
        if (slashBps > _MAX_BPS) revert SessionQueueInvalidBps(slashBps);
        (_params.slashing, _params.slashBps) = (slashing, slashBps);
        emit SlashingUpdated(slashing, slashBps);
    }

    /**
     * @notice Sets the task prices used to compute the charge of a successful task.
     * @dev Requirements: the caller is the owner. Emits a {PricingUpdated} event.
     */
    function setPricing(uint256 pricePerMinerTask, uint256 pricePerOutputToken) external onlyOwner {
        (_pricePerMinerTask, _pricePerOutputToken) = (pricePerMinerTask, pricePerOutputToken);
        emit PricingUpdated(pricePerMinerTask, pricePerOutputToken);
    }

    /// @notice How many milliseconds one `block.timestamp` tick stands for (1000 on a real chain).
    function msPerTick() external view returns (uint256) {
        return _msPerTick;
    }

    /// @notice The current parameters (times in milliseconds).
    function getParams() external view returns (Params memory) {
        return _params;
    }

    /// @notice The current prices: per valid miner, and per output token per valid miner.
    function getPricing() external view returns (uint256 pricePerMinerTask, uint256 pricePerOutputToken) {
        return (_pricePerMinerTask, _pricePerOutputToken);
    }

    // ---- internal ------------------------------------------------------------------------------

    /// @dev The parameters, as one storage read for the callers that need several fields.
    function _getParams() internal view returns (Params memory) {
        return _params;
    }

    function _getPayment() internal view returns (ISessionPaymentQueue) {
        return _payment;
    }

    function _getPool() internal view returns (INodePoolStats) {
        return _pool;
    }

    function _getSession() internal view returns (ISessionForQueue) {
        return _session;
    }

    function _getPrices() internal view returns (uint256, uint256) {
        return (_pricePerMinerTask, _pricePerOutputToken);
    }

    /// @dev A duration in milliseconds as clock ticks (exact: setters accept whole ticks only).
    function _toTicks(uint256 durationMs) internal view returns (uint256) {
        return durationMs / _msPerTick;
    }

    function _checkDeadline(uint256 valueMs, uint256 maxMs) private view {
        if (valueMs == 0 || valueMs > maxMs) revert SessionQueueInvalidDeadline(valueMs, 1, maxMs);
        if (valueMs % _msPerTick != 0) revert SessionQueueDeadlineNotWholeTicks(valueMs, _msPerTick);
    }
}
