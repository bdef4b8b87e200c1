// SPDX-License-Identifier: MIT
// contracts/src/CognitiveStorage.sol (phase 2)
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {ChainClock} from "./ChainClock.sol";
import {NodePool} from "./NodePool.sol";
import {ICognitiveErrors, ICognitiveEvents} from "./interfaces/ICognitive.sol";
import {INodePoolTypes} from "./interfaces/INodePool.sol";
import {IOracleRegistry} from "./interfaces/IOracleRegistry.sol";
import {ISessionPaymentQueue} from "./interfaces/ISessionPayment.sol";
import {ReputationRules} from "./libraries/ReputationRules.sol";

/**
 * @dev Cognitive's parameters, modules, round records and reads. A round (`RoundState` of
 * `protocol/round/types.ts`) keeps its creators and preparers (at most the reassignment limits
 * plus one), its challenges (`maxPrompts`), its completers (`networkTask.completers`) and one slot
 * per completer; per round and miner a few role flags make the in-round eligibility checks O(1).
 * Round ids count from 1; each miner's last picked round drives the cooldown across rounds.
 */
abstract contract CognitiveStorage is ChainClock, Ownable2Step, ICognitiveEvents, ICognitiveErrors {
    uint256 internal constant _DAY_MS = 86_400_000;
    uint256 internal constant _SIMILARITY_SCALE = 1e6;
    /// @dev Role flags of a miner in a round.
    uint8 internal constant _CREATOR = 1;
    uint8 internal constant _PREPARER = 2;
    /// @dev Replaced after missing its deadline: failed a role in this round.
    uint8 internal constant _REPLACED = 4;
    uint8 internal constant _COMPLETER = 8;

    struct CompleterSlot {
        CompleterState state;
        uint64 precommitAt;
        uint64 committedAt;
        int32 similarity;
        bytes32 precommitHash;
        bytes32 salt;
        string completion;
    }

    struct Round {
        RoundStatus status;
        uint32 phaseSeq;
        uint64 phaseStartedAt;
        uint64 phaseDeadline;
        uint64 requestedAt;
        uint64 updatedAt;
        uint64 startedAt;
        uint64 endedAt;
        address validator;
        bool completed;
        RoundFailureReason failureReason;
        RoundStatus failurePhase;
        address[] creators;
        string domain;
        string subdomain;
        address[] preparers;
        string[] challenges;
        address[] completers;
        mapping(address miner => CompleterSlot) slots;
        mapping(address miner => uint8) roles;
    }

    RoundParams private _params;
    IOracleRegistry private _registry;
    NodePool private _pool;
    ISessionPaymentQueue private _payment;
    mapping(uint256 roundId => Round) internal _rounds;
    uint256 internal _roundCount;
    /// @dev Last round each miner was picked for, plus one (0: never).
    mapping(address miner => uint256) internal _lastPickedPlusOne;


    /// @dev The defaults are the spec's (`networkTask.*`, `payments.slashing` none, 1000 bps).
    constructor(address initialOwner, uint256 msPerTick_, uint256 originTick_)
        ChainClock(msPerTick_, originTick_)
        Ownable(initialOwner)
    {
        _setParams(RoundParams({
            requestDeadlineMs: 5000,
            createDeadlineMs: 10_000,
            prepareDeadlineMs: 30_000,
            precommitDeadlineMs: 90_000,
            commitDeadlineMs: 60_000,
            completers: 5,
            minCompleters: 1,
            maxPrompts: 3,
            maxCreatorReassignments: 3,
            maxPreparerReassignments: 3,
            minerCooldownRounds: 2,
            roleOverlap: RoleOverlap.Exclusive,
            commitScheme: RoundCommitScheme.MinerBound,
            maxTopicBytes: 256,
            maxChallengeBytes: 2048,
            maxCompletionBytes: 16_384,
            slashing: RoundSlashing.None,
            slashBps: 1000
        }));
    }

    // ---- administration ------------------------------------------------------------------------

    /**
     * @notice Wires the OracleRegistry (oracle actions), NodePool (eligibility, NodeStats, round
     * outcomes, pings) and SessionPayment (slashing).
     * @dev Requirements: the caller is the owner; no address is zero. Emits {CognitiveModulesUpdated}.
     */
    function setModules(IOracleRegistry registry, NodePool pool, ISessionPaymentQueue payment) external onlyOwner {
        if (address(registry) == address(0) || address(pool) == address(0) || address(payment) == address(0)) {
            revert CognitiveZeroAddress();
        }
        (_registry, _pool, _payment) = (registry, pool, payment);
        emit CognitiveModulesUpdated(address(registry), address(pool), address(payment));
    }

    /**
     * @notice Sets the round parameters.
     * @dev Requirements: the caller is the owner; deadlines in [1 ms, 1 day] and whole ticks;
     * 1 ≤ minCompleters ≤ completers ≤ 1000; maxPrompts 1…100; reassignments ≤ 100; cooldown ≤
     * 1000; topic 1…100,000, challenge 1…1,000,000, completion 1…10,000,000 bytes; slashBps ≤
     * 10,000. Emits {RoundParamsUpdated}.
     */
    function setParams(RoundParams calldata params) external onlyOwner {
        _setParams(params);
    }

    function getParams() external view returns (RoundParams memory) {
        return _params;
    }

    function getModules() external view returns (address registry, address pool, address payment) {
        return (address(_registry), address(_pool), address(_payment));
    }

    // ---- reads ---------------------------------------------------------------------------------

    /// @notice Rounds ever requested (ids are 1 … count).
    function getRoundCount() external view returns (uint256) {
        return _roundCount;
    }

    /// @notice The round's observable state. Reverts with {CognitiveUnknownRound}.
    function getRound(uint256 roundId) external view returns (RoundView memory v) {
        Round storage r = _getRound(roundId);
        (v.roundId, v.status, v.phaseSeq, v.phaseStartedAt, v.phaseDeadline) =
            (roundId, r.status, r.phaseSeq, r.phaseStartedAt, r.phaseDeadline);
        (v.requestedAt, v.updatedAt, v.startedAt, v.endedAt) = (r.requestedAt, r.updatedAt, r.startedAt, r.endedAt);
        (v.creators, v.domain, v.subdomain, v.preparers) = (r.creators, r.domain, r.subdomain, r.preparers);
        (v.challenges, v.completers, v.validator) = (r.challenges, r.completers, r.validator);
        (v.completed, v.failureReason, v.failurePhase) = (r.completed, r.failureReason, r.failurePhase);
    }

    /// @notice One completer's record; reverts with {CognitiveNotAssignedMiner} for a non-completer.
    function getCompleter(uint256 roundId, address miner) external view returns (CompleterView memory) {
        Round storage r = _getRound(roundId);
        if (!_isCompleter(r, miner)) revert CognitiveNotAssignedMiner(roundId, miner);
        CompleterSlot storage s = r.slots[miner];
        return CompleterView(s.state, s.precommitHash, s.precommitAt, s.committedAt, s.similarity, s.salt, s.completion);
    }

    /// @notice The last round `miner` was picked for (0: never).
    function getLastPickedRound(address miner) external view returns (uint256) {
        uint256 plusOne = _lastPickedPlusOne[miner];
        return plusOne == 0 ? 0 : plusOne - 1;
    }

    /**
     * @notice The round precommit hash of `completion` under `scheme`: miner-bound
     * `keccak256(abi.encodePacked("cortensor.round", miner, roundId, salt, keccak256(bytes(completion))))`
     * (`computeRoundPrecommitHash`), or plain `keccak256(bytes(completion))`.
     */
    function getRoundHash(RoundCommitScheme scheme, address miner, uint256 roundId, bytes32 salt, string calldata completion)
        public
        pure
        returns (bytes32)
    {
        bytes32 completionHash = keccak256(bytes(completion));
        if (scheme == RoundCommitScheme.Plain) return completionHash;
        return keccak256(abi.encodePacked("cortensor.round", miner, roundId, salt, completionHash));
    }

    // ---- internal ------------------------------------------------------------------------------

    /// @dev Reverts unless the registry authorizes the caller as an oracle now (the leader in strict mode).
    function _authorizeOracle() internal {
        _registry.authorize(msg.sender);
    }

    function _rp() internal view returns (RoundParams storage) {
        return _params;
    }

    function _getPool() internal view returns (NodePool) {
        return _pool;
    }

    function _getPayment() internal view returns (ISessionPaymentQueue) {
        return _payment;
    }

    /// @dev The round, or a revert with {CognitiveUnknownRound}.
    function _getRound(uint256 roundId) internal view returns (Round storage) {
        if (roundId == 0 || roundId > _roundCount) revert CognitiveUnknownRound(roundId);
        return _rounds[roundId];
    }

    /// @dev The round, after checking the round table allows the event in its status ({CognitiveWrongPhase}).
    function _getRoundIn(uint256 roundId, RoundStatus s1, RoundStatus s2) internal view returns (Round storage r) {
        r = _getRound(roundId);
        if (r.status != s1 && r.status != s2) revert CognitiveWrongPhase(roundId, r.status);
    }

    function _isCompleter(Round storage r, address miner) internal view returns (bool) {
        return r.roles[miner] & _COMPLETER != 0;
    }

    /// @dev The world's `checkNetworkEligible`: registered, not banned, online (NodePool), out of cooldown.
    function _checkNetworkEligible(address miner, uint256 roundId) internal view {
        _pool.requireNetworkEligible(miner);
        uint256 last = _lastPickedPlusOne[miner];
        if (ReputationRules.isInCooldown(last, roundId, _params.minerCooldownRounds)) {
            revert CognitiveMinerCoolingDown(roundId, miner, last - 1);
        }
    }

    /// @dev The round in `status` with a fresh phase (`enterPhase`); `durationMs` 0: no deadline.
    function _enterPhase(Round storage r, RoundStatus status, uint256 durationMs) internal {
        uint64 nowTick = uint64(block.timestamp);
        r.status = status;
        ++r.phaseSeq;
        (r.phaseStartedAt, r.updatedAt) = (nowTick, nowTick);
        // Whole ticks by the setter's check, so the tick deadline is exact.
        r.phaseDeadline = durationMs == 0 ? 0 : uint64(block.timestamp + durationMs / msPerTick());
    }

    /// @dev Has the open phase's deadline been reached (`isDeadlinePassed`)? Never without one.
    function _isDeadlinePassed(Round storage r) internal view returns (bool) {
        return r.phaseDeadline != 0 && block.timestamp >= r.phaseDeadline;
    }

    /// @dev Is it after the open phase's deadline, so actors may no longer act (`isTooLate`)?
    function _isTooLate(Round storage r) internal view returns (bool) {
        return r.phaseDeadline != 0 && block.timestamp > r.phaseDeadline;
    }

    function _stat(address miner, INodePoolTypes.Metric metric, bool success) internal {
        _pool.recordStat(miner, metric, success);
    }

    function _setParams(RoundParams memory p) private {
        _checkDuration(0, p.requestDeadlineMs);
        _checkDuration(1, p.createDeadlineMs);
        _checkDuration(2, p.prepareDeadlineMs);
        _checkDuration(3, p.precommitDeadlineMs);
        _checkDuration(4, p.commitDeadlineMs);
        _checkRange(5, p.completers, 1, 1000);
        _checkRange(6, p.minCompleters, 1, p.completers);
        _checkRange(7, p.maxPrompts, 1, 100);
        _checkRange(8, p.maxCreatorReassignments, 0, 100);
        _checkRange(9, p.maxPreparerReassignments, 0, 100);
        _checkRange(10, p.minerCooldownRounds, 0, 1000);
        _checkRange(11, p.maxTopicBytes, 1, 100_000);
        _checkRange(12, p.maxChallengeBytes, 1, 1_000_000);
        _checkRange(13, p.maxCompletionBytes, 1, 10_000_000);
        _checkRange(14, p.slashBps, 0, 10_000);
        _params = p;
        emit RoundParamsUpdated(p);
    }

    function _checkDuration(uint8 field, uint256 valueMs) private view {
        _checkRange(field, valueMs, 1, _DAY_MS);
        _checkWholeTicks(valueMs);
    }

    function _checkRange(uint8 field, uint256 value, uint256 min, uint256 max) private pure {
        if (value < min || value > max) revert CognitiveInvalidParam(field, value);
    }
}
