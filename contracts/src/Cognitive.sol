// SPDX-License-Identifier: MIT
// contracts/src/Cognitive.sol (phase 2)
pragma solidity ^0.8.24;

import {CognitiveSetup} from "./CognitiveSetup.sol";
import {INodePoolTypes} from "./interfaces/INodePool.sol";
import {ISessionPaymentTypes} from "./interfaces/ISessionPayment.sol";

/**
 * @title Cognitive
 * @dev The network-task (PoUW) round on chain, `protocol/round` transcribed with the world's
 * routing: Request → Create → Prepare → Start → Precommit → Commit → End. The oracle requests a
 * round with a creator it picked, the creator creates (domain, subdomain), the oracle assigns a
 * preparer who prepares the challenges, the oracle starts the round with the completers, who
 * precommit and reveal (`commit`, checked against the domain-tagged round hash); the oracle
 * submits the PoI verdicts and ends the round. Timed-out creators and preparers are replaced up
 * to a limit; a forced end is possible from any open phase once its deadline passed (at once in
 * a phase without one). A forced end closes the open phase first, so its participants get the
 * stats the regular path gives them.
 *
 * Effects go to NodePool (NodeStats: Request, Create, Prepare, Start, Precommit, Commit,
 * Correctness, End; one cognitive outcome per participant at the end, which drives pool
 * eligibility and levels) and to SessionPayment (slashing a withheld reveal when `slashing` asks).
 * Function names follow Cognitive's ABI; each takes the round id (several rounds may be open).
 */
contract Cognitive is CognitiveSetup {
    constructor(address initialOwner, uint256 msPerTick_, uint256 originTick_)
        CognitiveSetup(initialOwner, msPerTick_, originTick_)
    {}

    // ---- completers ----------------------------------------------------------------------------

    /**
     * @notice The caller, a completer, submits the hash of its completion.
     * @dev Requirements: the round is in Start; the caller is a completer that has not
     * precommitted; the precommit deadline has not passed. Emits {SessionPrecommitted}.
     */
    function precommit(uint256 roundId, bytes32 hash) external {
        Round storage r = _getRoundIn(roundId, RoundStatus.Start, RoundStatus.Start);
        CompleterSlot storage slot = _checkCompleterMayAct(roundId, r, CompleterState.Selected);
        uint64 nowTick = uint64(block.timestamp);
        (slot.state, slot.precommitHash, slot.precommitAt, r.updatedAt) = (CompleterState.Precommitted, hash, nowTick, nowTick);
        emit SessionPrecommitted(roundId, msg.sender);
    }

    /**
     * @notice The caller, a precommitted completer, reveals its completion and salt.
     * @dev Requirements: the round is in Precommit; completion ≤ maxCompletionBytes; the caller
     * precommitted and has not revealed; the commit deadline has not passed; the reveal hashes to
     * the precommit under `commitScheme` ({getRoundHash}). Emits {SessionCommitted}.
     */
    function commit(uint256 roundId, string calldata completion, bytes32 salt) external {
        Round storage r = _getRoundIn(roundId, RoundStatus.Precommit, RoundStatus.Precommit);
        _checkString(roundId, _FIELD_COMPLETION, bytes(completion).length, 0, _rp().maxCompletionBytes);
        CompleterSlot storage slot = _checkCompleterMayAct(roundId, r, CompleterState.Precommitted);
        bytes32 revealHash = getRoundHash(_rp().commitScheme, msg.sender, roundId, salt, completion);
        if (revealHash != slot.precommitHash) revert CognitiveRevealMismatch(roundId, msg.sender, slot.precommitHash, revealHash);
        uint64 nowTick = uint64(block.timestamp);
        (slot.state, slot.salt, slot.committedAt, r.updatedAt) = (CompleterState.Committed, salt, nowTick, nowTick);
        slot.completion = completion;
        emit SessionCommitted(roundId, msg.sender);
    }

    /**
     * @notice Cognitive's `ping()`: the calling node's liveness ping, relayed to NodePool.
     * @dev Requirements: the caller is a registered, not banned node. Emits NodePool's {NodeOnline}
     * when it was offline.
     */
    function ping() external {
        _getPool().pingFor(msg.sender);
    }

    // ---- phase ends (oracle) -------------------------------------------------------------------

    /**
     * @notice Closes the precommit phase: completers that did not precommit missed it. The commit
     * phase opens, or the round ends (too few precommits) below `minCompleters`.
     * @dev Requirements: the round exists; the caller is an oracle; the round is in Start; every
     * completer precommitted or the deadline has been reached. Emits {SessionAllPrecommitted}.
     */
    function endPrecommit(uint256 roundId) external {
        _getRound(roundId);
        _authorizeOracle();
        Round storage r = _getRoundIn(roundId, RoundStatus.Start, RoundStatus.Start);
        uint256 waiting = _countIn(r, CompleterState.Selected);
        if (waiting > 0 && !_isDeadlinePassed(r)) revert CognitivePhaseNotOver(roundId, r.phaseDeadline);
        _closePrecommitPhase(r);
        address[] memory precommitted = _minersIn(r, CompleterState.Precommitted);
        emit SessionAllPrecommitted(roundId, precommitted, waiting > 0);
        if (precommitted.length < _rp().minCompleters) {
            _failRound(roundId, r, RoundFailureReason.TooFewPrecommits);
            return;
        }
        _enterPhase(r, RoundStatus.Precommit, _rp().commitDeadlineMs);
    }

    /**
     * @notice Closes the commit phase: precommitted completers that did not reveal missed it (and
     * are slashed when `slashing` asks). Validation follows, or the round ends (too few reveals).
     * @dev Requirements: the round exists; the caller is an oracle; the round is in Precommit; every
     * precommitted completer revealed or the deadline has been reached. Emits {SessionAllCommitted}.
     */
    function endCommit(uint256 roundId) external {
        _getRound(roundId);
        _authorizeOracle();
        Round storage r = _getRoundIn(roundId, RoundStatus.Precommit, RoundStatus.Precommit);
        if (_countIn(r, CompleterState.Precommitted) > 0 && !_isDeadlinePassed(r)) {
            revert CognitivePhaseNotOver(roundId, r.phaseDeadline);
        }
        _closeCommitPhase(r);
        address[] memory committed = _minersIn(r, CompleterState.Committed);
        emit SessionAllCommitted(roundId, committed);
        if (committed.length < _rp().minCompleters) {
            _failRound(roundId, r, RoundFailureReason.TooFewReveals);
            return;
        }
        _enterPhase(r, RoundStatus.Commit, 0);
    }

    /**
     * @notice The PoI verdicts on the revealed completions: `valid[i]` and `similarities[i]`
     * (cosine × 1e6 in [−1e6, 1e6]) for `miners[i]`, one per revealed completion. The caller is
     * recorded as the round's validator; the round stays in Commit until ended.
     * @dev Requirements: the round exists; the caller is an oracle; the round is in Commit and not
     * validated yet; three arrays of one length, one entry per revealed completion; each miner
     * revealed and appears once. Emits {SessionValidated}.
     */
    function validate(uint256 roundId, address[] calldata miners, bool[] calldata valid, int256[] calldata similarities) external {
        _getRound(roundId);
        _authorizeOracle();
        Round storage r = _getRoundIn(roundId, RoundStatus.Commit, RoundStatus.Commit);
        if (r.validator != address(0)) revert CognitiveAlreadyValidated(roundId, r.validator);
        if (miners.length != valid.length || miners.length != similarities.length) {
            revert CognitiveVerdictLengthMismatch(roundId, miners.length, valid.length, similarities.length);
        }
        uint256 revealed = _countIn(r, CompleterState.Committed);
        if (miners.length != revealed) revert CognitiveWrongVerdictCount(roundId, miners.length, revealed);
        for (uint256 i = 0; i < miners.length; ++i) {
            _recordVerdict(roundId, r, miners[i], valid[i], similarities[i]);
        }
        (r.validator, r.updatedAt) = (msg.sender, uint64(block.timestamp));
        emit SessionValidated(roundId, _minersIn(r, CompleterState.Valid), _minersIn(r, CompleterState.Outlier));
        address[] storage all = r.completers;
        for (uint256 i = 0; i < all.length; ++i) {
            CompleterState s = r.slots[all[i]].state;
            if (s == CompleterState.Valid || s == CompleterState.Outlier) {
                _stat(all[i], INodePoolTypes.Metric.Correctness, s == CompleterState.Valid);
            }
        }
    }

    /**
     * @notice Ends the round: with its result once validated (whatever `forceEnd` says); otherwise
     * only as a forced end, once the open phase's deadline has been reached (at once in a phase
     * without one). A forced end closes the open phase as its regular end would.
     * @dev Requirements: the round exists; the caller is an oracle; the round is not ended; unless
     * validated, `forceEnd` and the deadline. Emits {SessionEnded}.
     */
    function end(uint256 roundId, bool forceEnd) external {
        _getRound(roundId);
        _authorizeOracle();
        Round storage r = _getRound(roundId);
        RoundStatus status = r.status;
        if (status == RoundStatus.End) revert CognitiveWrongPhase(roundId, status);
        if (status == RoundStatus.Commit && r.validator != address(0)) {
            _finishRound(roundId, r, true, RoundFailureReason.None);
            return;
        }
        if (!forceEnd) revert CognitiveWrongPhase(roundId, status);
        if (r.phaseDeadline != 0 && block.timestamp < r.phaseDeadline) revert CognitivePhaseNotOver(roundId, r.phaseDeadline);
        if (status == RoundStatus.Request) {
            _recordCreatorMissed(r.creators[r.creators.length - 1]);
        } else if (status == RoundStatus.Create) {
            uint256 count = r.preparers.length;
            if (count > 0) _stat(r.preparers[count - 1], INodePoolTypes.Metric.Prepare, false);
        } else if (status == RoundStatus.Start) {
            _closePrecommitPhase(r);
        } else if (status == RoundStatus.Precommit) {
            _closeCommitPhase(r);
        }
        _failRound(roundId, r, RoundFailureReason.Forced);
    }

    // ---- internal ------------------------------------------------------------------------------

    /// @dev The caller's slot when it may act now from `expected` (`checkCompleterMayAct`).
    function _checkCompleterMayAct(uint256 roundId, Round storage r, CompleterState expected)
        private
        view
        returns (CompleterSlot storage slot)
    {
        if (!_isCompleter(r, msg.sender)) revert CognitiveNotAssignedMiner(roundId, msg.sender);
        slot = r.slots[msg.sender];
        CompleterState state = slot.state;
        if (state == CompleterState.MissedPrecommit) revert CognitiveNotPrecommitted(roundId, msg.sender);
        if (state != expected) revert CognitiveAlreadyActed(roundId, msg.sender, state);
        if (_isTooLate(r)) revert CognitiveDeadlinePassed(roundId, r.phaseDeadline);
    }

    /// @dev One verdict (`checkVerdict` then the slot's new state), checked in the spec's order.
    function _recordVerdict(uint256 roundId, Round storage r, address miner, bool isValid, int256 similarity) private {
        if (similarity < -int256(_SIMILARITY_SCALE) || similarity > int256(_SIMILARITY_SCALE)) {
            revert CognitiveSimilarityOutOfRange(roundId, miner, similarity);
        }
        CompleterSlot storage slot = r.slots[miner];
        // Before this call no slot is Valid or Outlier (validation happens once): seeing one means a repeat.
        bool judged = slot.state == CompleterState.Valid || slot.state == CompleterState.Outlier;
        if (judged && _isCompleter(r, miner)) revert CognitiveDuplicateMiner(roundId, miner);
        if (!_isCompleter(r, miner) || slot.state != CompleterState.Committed) revert CognitiveNotAssignedMiner(roundId, miner);
        slot.state = isValid ? CompleterState.Valid : CompleterState.Outlier;
        // In range: |similarity| ≤ 1e6 < 2^31.
        slot.similarity = int32(similarity);
    }

    /// @dev `closePrecommitPhase`: every completer gets its Precommit stat; the late ones missed it.
    function _closePrecommitPhase(Round storage r) private {
        address[] storage all = r.completers;
        for (uint256 i = 0; i < all.length; ++i) {
            CompleterSlot storage slot = r.slots[all[i]];
            bool precommitted = slot.state == CompleterState.Precommitted;
            _stat(all[i], INodePoolTypes.Metric.Precommit, precommitted);
            if (!precommitted) slot.state = CompleterState.MissedPrecommit;
        }
        r.updatedAt = uint64(block.timestamp);
    }

    /**
     * @dev `closeCommitPhase`: revealers get a Commit success; precommitted completers that did not
     * reveal a Commit failure (and a slash under `missedReveal`); those that missed the precommit
     * get no second stat.
     */
    function _closeCommitPhase(Round storage r) private {
        address[] storage all = r.completers;
        for (uint256 i = 0; i < all.length; ++i) {
            CompleterSlot storage slot = r.slots[all[i]];
            if (slot.state == CompleterState.Committed) {
                _stat(all[i], INodePoolTypes.Metric.Commit, true);
            } else if (slot.state == CompleterState.Precommitted) {
                _stat(all[i], INodePoolTypes.Metric.Commit, false);
                if (_rp().slashing == RoundSlashing.MissedReveal) {
                    _getPayment().slash(all[i], _rp().slashBps, ISessionPaymentTypes.SlashReason.MissedReveal);
                }
                slot.state = CompleterState.MissedReveal;
            }
        }
        r.updatedAt = uint64(block.timestamp);
    }

    function _failRound(uint256 roundId, Round storage r, RoundFailureReason reason) internal override {
        r.failurePhase = r.status;
        _finishRound(roundId, r, false, reason);
    }

    /**
     * @dev Moves the round to End and reports every participant's part in it (`finishRound`): End
     * stats for completers, then one cognitive outcome per participant in the order creators,
     * preparers, completers (a miner with several roles once, a success only if it did every part).
     */
    function _finishRound(uint256 roundId, Round storage r, bool completed, RoundFailureReason reason) private {
        _enterPhase(r, RoundStatus.End, 0);
        (r.endedAt, r.completed, r.failureReason) = (uint64(block.timestamp), completed, reason);
        address[] storage completers = r.completers;
        for (uint256 i = 0; i < completers.length; ++i) {
            _stat(completers[i], INodePoolTypes.Metric.End, _isCompleterSuccess(r.slots[completers[i]].state));
        }
        _reportOutcomes(roundId, r);
        emit SessionEnded(roundId, r.endedAt, completed, reason);
    }

    function _reportOutcomes(uint256 roundId, Round storage r) private {
        address[] storage creators = r.creators;
        for (uint256 i = 0; i < creators.length; ++i) {
            _reportOutcome(roundId, r, creators[i]);
        }
        address[] storage preparers = r.preparers;
        for (uint256 i = 0; i < preparers.length; ++i) {
            if (r.roles[preparers[i]] & _CREATOR == 0) _reportOutcome(roundId, r, preparers[i]);
        }
        address[] storage completers = r.completers;
        for (uint256 i = 0; i < completers.length; ++i) {
            if (r.roles[completers[i]] & (_CREATOR | _PREPARER) == 0) _reportOutcome(roundId, r, completers[i]);
        }
    }

    /// @dev `miner`'s one outcome: it delivered in every role it held (a replaced creator or preparer did not).
    function _reportOutcome(uint256 roundId, Round storage r, address miner) private {
        uint8 roles = r.roles[miner];
        bool success = roles & _REPLACED == 0;
        if (roles & _CREATOR != 0) success = success && miner == r.creators[r.creators.length - 1] && bytes(r.domain).length > 0;
        if (roles & _PREPARER != 0) success = success && miner == r.preparers[r.preparers.length - 1] && r.challenges.length > 0;
        if (roles & _COMPLETER != 0) success = success && _isCompleterSuccess(r.slots[miner].state);
        _getPool().recordCognitiveOutcome(miner, roundId, success);
    }

    /// @dev `isCompleterSuccess`: revealed a matching completion that PoI did not judge an outlier.
    function _isCompleterSuccess(CompleterState state) private pure returns (bool) {
        return state == CompleterState.Valid || state == CompleterState.Committed;
    }

    function _countIn(Round storage r, CompleterState wanted) private view returns (uint256 count) {
        address[] storage all = r.completers;
        for (uint256 i = 0; i < all.length; ++i) {
            if (r.slots[all[i]].state == wanted) ++count;
        }
    }

    /// @dev The completers in `wanted`, in completer order.
    function _minersIn(Round storage r, CompleterState wanted) private view returns (address[] memory out) {
        address[] storage all = r.completers;
        out = new address[](_countIn(r, wanted));
        uint256 n;
        for (uint256 i = 0; i < all.length; ++i) {
            if (r.slots[all[i]].state == wanted) out[n++] = all[i];
        }
    }
}
