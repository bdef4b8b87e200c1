// SPDX-License-Identifier: MIT
// contracts/src/CognitiveSetup.sol (phase 2)
pragma solidity ^0.8.24;

import {CognitiveStorage} from "./CognitiveStorage.sol";
import {INodePoolTypes} from "./interfaces/INodePool.sol";

/**
 * @dev A round's setup (`protocol/round/setup.ts` with the world's picks, `world/rounds.ts`): the
 * oracle's request with a creator, the creator's `create`, the preparer's assignment and
 * `prepare`, their replacement on timeout, and the oracle's `start` with the completers. Every
 * miner the oracle picks must be network-eligible (registered, not banned, online, out of
 * cooldown) before the round's own checks, and is recorded as picked in the round.
 *
 * The creator has one window of requestDeadlineMs + createDeadlineMs: a create within the first
 * part is a Request success, a later one a Request failure; either is a Create success.
 */
abstract contract CognitiveSetup is CognitiveStorage {
    uint8 internal constant _FIELD_DOMAIN = 0;
    uint8 internal constant _FIELD_SUBDOMAIN = 1;
    uint8 internal constant _FIELD_CHALLENGE = 2;
    uint8 internal constant _FIELD_COMPLETION = 3;

    constructor(address initialOwner, uint256 msPerTick_, uint256 originTick_)
        CognitiveStorage(initialOwner, msPerTick_, originTick_)
    {}

    // ---- creator -------------------------------------------------------------------------------

    /**
     * @notice The oracle's `request()`: opens round `getRoundCount() + 1` and asks `creator` (the
     * oracle's pick) to create it. Returns the round id.
     * @dev Requirements: the caller is an oracle (the leader in strict mode); `creator` is
     * network-eligible. Emits {NewSessionRequest}.
     */
    function request(address creator) external returns (uint256 roundId) {
        _authorizeOracle();
        roundId = _roundCount + 1;
        _checkNetworkEligible(creator, roundId);
        _roundCount = roundId;
        Round storage r = _rounds[roundId];
        uint64 nowTick = uint64(block.timestamp);
        (r.status, r.phaseStartedAt, r.requestedAt, r.updatedAt) = (RoundStatus.Request, nowTick, nowTick, nowTick);
        r.phaseDeadline = _creatorDeadline();
        r.creators.push(creator);
        r.roles[creator] |= _CREATOR;
        _lastPickedPlusOne[creator] = roundId + 1;
        address[] memory miners = new address[](1);
        miners[0] = creator;
        emit NewSessionRequest(roundId, miners);
    }

    /**
     * @notice The creator publishes the round's domain and subdomain.
     * @dev Requirements: the round is in Request; domain and subdomain 1…maxTopicBytes bytes; the
     * caller is the current creator; its deadline has not passed. Emits {SessionCreated}.
     */
    function create(uint256 roundId, string calldata domain, string calldata subdomain) external {
        Round storage r = _getRoundIn(roundId, RoundStatus.Request, RoundStatus.Request);
        _checkString(roundId, _FIELD_DOMAIN, bytes(domain).length, 1, _rp().maxTopicBytes);
        _checkString(roundId, _FIELD_SUBDOMAIN, bytes(subdomain).length, 1, _rp().maxTopicBytes);
        if (msg.sender != r.creators[r.creators.length - 1]) revert CognitiveNotAssignedMiner(roundId, msg.sender);
        if (_isTooLate(r)) revert CognitiveDeadlinePassed(roundId, r.phaseDeadline);
        bool inTime = _msAt(block.timestamp) <= _msAt(r.phaseStartedAt) + _rp().requestDeadlineMs;
        _enterPhase(r, RoundStatus.Create, 0);
        (r.domain, r.subdomain) = (domain, subdomain);
        emit SessionCreated(roundId, msg.sender);
        _stat(msg.sender, INodePoolTypes.Metric.Request, inTime);
        _stat(msg.sender, INodePoolTypes.Metric.Create, true);
    }

    /**
     * @notice The creator timed out: ask `creator` instead, or end the round (no creator) once
     * `maxCreatorReassignments` replacements are used up.
     * @dev Requirements, in the world's order: the round exists; the caller is an oracle;
     * `creator` is network-eligible; the round is in Request and its deadline has been reached; `creator` has not failed a role in this round and,
     * under exclusive roles, holds none. Emits {NewSessionRequestAssigned}, or ends the round.
     */
    function requestNextCreator(uint256 roundId, address creator) external {
        _getRound(roundId);
        _authorizeOracle();
        _checkNetworkEligible(creator, roundId);
        Round storage r = _getRoundIn(roundId, RoundStatus.Request, RoundStatus.Request);
        if (!_isDeadlinePassed(r)) revert CognitivePhaseNotOver(roundId, r.phaseDeadline);
        _lastPickedPlusOne[creator] = roundId + 1;
        address missed = r.creators[r.creators.length - 1];
        _recordCreatorMissed(missed);
        r.roles[missed] |= _REPLACED;
        if (r.creators.length - 1 >= _rp().maxCreatorReassignments) {
            _failRound(roundId, r, RoundFailureReason.NoCreator);
            return;
        }
        _checkCandidate(roundId, r, creator);
        _enterPhase(r, RoundStatus.Request, 0);
        r.phaseDeadline = _creatorDeadline();
        r.creators.push(creator);
        r.roles[creator] |= _CREATOR;
        emit NewSessionRequestAssigned(roundId, creator);
    }

    // ---- preparer ------------------------------------------------------------------------------

    /**
     * @notice The oracle assigns the round's first preparer; the prepare phase opens.
     * @dev Requirements: the caller is an oracle; `preparer` is network-eligible; the round is in
     * Create with no preparer yet; `preparer` has not failed a role in this round and, under
     * exclusive roles, holds none. Emits {SessionPrepareAssigned}.
     */
    function assignPreparer(uint256 roundId, address preparer) external {
        _getRound(roundId);
        _authorizeOracle();
        _checkNetworkEligible(preparer, roundId);
        Round storage r = _getRoundIn(roundId, RoundStatus.Create, RoundStatus.Create);
        if (r.preparers.length > 0) revert CognitivePreparerAssigned(roundId, r.preparers[r.preparers.length - 1]);
        _lastPickedPlusOne[preparer] = roundId + 1;
        _assignPreparer(roundId, r, preparer);
    }

    /**
     * @notice The preparer timed out: assign `preparer` instead, or end the round (no preparer)
     * once `maxPreparerReassignments` replacements are used up.
     * @dev Requirements: as {assignPreparer}, but a preparer is assigned and its deadline has been
     * reached. Emits {SessionPrepareAssigned}, or ends the round.
     */
    function requestNextPreparer(uint256 roundId, address preparer) external {
        _getRound(roundId);
        _authorizeOracle();
        _checkNetworkEligible(preparer, roundId);
        Round storage r = _getRoundIn(roundId, RoundStatus.Create, RoundStatus.Create);
        if (r.preparers.length == 0) revert CognitiveNoPreparer(roundId);
        if (!_isDeadlinePassed(r)) revert CognitivePhaseNotOver(roundId, r.phaseDeadline);
        _lastPickedPlusOne[preparer] = roundId + 1;
        address missed = r.preparers[r.preparers.length - 1];
        _stat(missed, INodePoolTypes.Metric.Prepare, false);
        r.roles[missed] |= _REPLACED;
        if (r.preparers.length - 1 >= _rp().maxPreparerReassignments) {
            _failRound(roundId, r, RoundFailureReason.NoPreparer);
            return;
        }
        _assignPreparer(roundId, r, preparer);
    }

    /**
     * @notice The preparer publishes exactly `maxPrompts` challenges.
     * @dev Requirements: the round is in Create; `maxPrompts` challenges of 1…maxChallengeBytes
     * bytes; the caller is the current preparer; its deadline has not passed. Emits {SessionPrepared}.
     */
    function prepare(uint256 roundId, string[] calldata challenges) external {
        Round storage r = _getRoundIn(roundId, RoundStatus.Create, RoundStatus.Create);
        uint256 needed = _rp().maxPrompts;
        if (challenges.length != needed) revert CognitiveWrongChallengeCount(roundId, challenges.length, needed);
        for (uint256 i = 0; i < challenges.length; ++i) {
            _checkString(roundId, _FIELD_CHALLENGE, bytes(challenges[i]).length, 1, _rp().maxChallengeBytes);
        }
        uint256 count = r.preparers.length;
        if (count == 0 || msg.sender != r.preparers[count - 1]) revert CognitiveNotAssignedMiner(roundId, msg.sender);
        if (_isTooLate(r)) revert CognitiveDeadlinePassed(roundId, r.phaseDeadline);
        _enterPhase(r, RoundStatus.Prepare, 0);
        // One by one: the legacy code generator cannot copy a calldata string[] to storage at once.
        for (uint256 i = 0; i < challenges.length; ++i) {
            r.challenges.push(challenges[i]);
        }
        emit SessionPrepared(roundId, msg.sender);
        _stat(msg.sender, INodePoolTypes.Metric.Prepare, true);
    }

    // ---- start ---------------------------------------------------------------------------------

    /**
     * @notice The oracle starts the round with exactly `networkTask.completers` miners; the
     * precommit phase opens.
     * @dev Requirements: the caller is an oracle; every completer is network-eligible; the round is
     * in Prepare; the right number of completers, none twice, none that failed a role in the round
     * or, under exclusive roles, holds one. Emits {SessionStarted}.
     */
    function start(uint256 roundId, address[] calldata completers) external {
        _getRound(roundId);
        _authorizeOracle();
        for (uint256 i = 0; i < completers.length; ++i) {
            _checkNetworkEligible(completers[i], roundId);
        }
        Round storage r = _getRoundIn(roundId, RoundStatus.Prepare, RoundStatus.Prepare);
        uint256 needed = _rp().completers;
        if (completers.length != needed) revert CognitiveWrongCompleterCount(roundId, completers.length, needed);
        for (uint256 i = 0; i < completers.length; ++i) {
            for (uint256 j = 0; j < i; ++j) {
                if (completers[i] == completers[j]) revert CognitiveDuplicateMiner(roundId, completers[i]);
            }
        }
        for (uint256 i = 0; i < completers.length; ++i) {
            _checkCandidate(roundId, r, completers[i]);
        }
        _enterPhase(r, RoundStatus.Start, _rp().precommitDeadlineMs);
        r.startedAt = uint64(block.timestamp);
        r.completers = completers;
        for (uint256 i = 0; i < completers.length; ++i) {
            r.roles[completers[i]] |= _COMPLETER;
            _lastPickedPlusOne[completers[i]] = roundId + 1;
        }
        emit SessionStarted(roundId, r.startedAt, completers);
        for (uint256 i = 0; i < completers.length; ++i) {
            _stat(completers[i], INodePoolTypes.Metric.Start, true);
        }
    }

    // ---- internal ------------------------------------------------------------------------------

    function _assignPreparer(uint256 roundId, Round storage r, address preparer) private {
        _checkCandidate(roundId, r, preparer);
        _enterPhase(r, RoundStatus.Create, _rp().prepareDeadlineMs);
        r.preparers.push(preparer);
        r.roles[preparer] |= _PREPARER;
        emit SessionPrepareAssigned(roundId, preparer);
    }

    /// @dev A creator that never created missed both the response window and the create deadline.
    function _recordCreatorMissed(address creator) internal {
        _stat(creator, INodePoolTypes.Metric.Request, false);
        _stat(creator, INodePoolTypes.Metric.Create, false);
    }

    /// @dev The creator's deadline from now: requestDeadlineMs + createDeadlineMs (whole ticks).
    function _creatorDeadline() private view returns (uint64) {
        return uint64(block.timestamp + (uint256(_rp().requestDeadlineMs) + _rp().createDeadlineMs) / msPerTick());
    }

    /**
     * @dev `checkCandidate`: a miner that failed a role in this round gets no other; under
     * exclusive roles nobody holds two. The current creator (preparer) has failed when it has not
     * created (prepared): a replacement is only being chosen because it did not.
     */
    function _checkCandidate(uint256 roundId, Round storage r, address miner) internal view {
        uint8 roles = r.roles[miner];
        bool failed = roles & _REPLACED != 0 || (miner == r.creators[r.creators.length - 1] && bytes(r.domain).length == 0);
        uint256 preparers = r.preparers.length;
        if (!failed && preparers > 0) failed = miner == r.preparers[preparers - 1] && r.challenges.length == 0;
        if (failed) revert CognitiveMinerNotEligible(roundId, miner);
        if (_rp().roleOverlap == RoleOverlap.Exclusive && roles & (_CREATOR | _PREPARER) != 0) {
            revert CognitiveMinerNotEligible(roundId, miner);
        }
    }

    function _checkString(uint256 roundId, uint8 field, uint256 length, uint256 minBytes, uint256 maxBytes) internal pure {
        if (length < minBytes || length > maxBytes) revert CognitiveInvalidString(roundId, field, length);
    }

    /// @dev Ends the round without a result (Cognitive's {_failRound}).
    function _failRound(uint256 roundId, Round storage r, RoundFailureReason reason) internal virtual;
}
