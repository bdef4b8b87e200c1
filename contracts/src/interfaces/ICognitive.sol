// SPDX-License-Identifier: MIT
// contracts/src/interfaces/ICognitive.sol (phase 2)
pragma solidity ^0.8.24;

/**
 * @dev Types, events and errors of Cognitive, the network-task (PoUW) round of `protocol/round`.
 * Enums use the spec's orders: {RoundStatus} is `ROUND_STATUSES` (Request=0 … End=6, Cognitive's
 * own order), {CompleterState} is `COMPLETER_STATES`, {RoundFailureReason} is `None` followed by
 * `RoundFailureReason` in order, {RoleOverlap}, {RoundCommitScheme} and {RoundSlashing} are the
 * `values` of `networkTask.roleOverlap`, `networkTask.commitScheme` and `payments.slashing`.
 */
interface ICognitiveTypes {
    enum RoundStatus {
        Request,
        Create,
        Prepare,
        Start,
        Precommit,
        Commit,
        End
    }

    enum CompleterState {
        Selected,
        Precommitted,
        Committed,
        Valid,
        Outlier,
        MissedPrecommit,
        MissedReveal
    }

    enum RoundFailureReason {
        None,
        NoCreator,
        NoPreparer,
        TooFewPrecommits,
        TooFewReveals,
        Forced
    }

    enum RoleOverlap {
        Exclusive,
        Shared
    }

    enum RoundCommitScheme {
        MinerBound,
        Plain
    }

    enum RoundSlashing {
        None,
        MissedReveal
    }

    /// @dev The `networkTask.*` parameters the round reads, plus `payments.slashing` / `slashBps`.
    struct RoundParams {
        uint32 requestDeadlineMs;
        uint32 createDeadlineMs;
        uint32 prepareDeadlineMs;
        uint32 precommitDeadlineMs;
        uint32 commitDeadlineMs;
        uint16 completers;
        uint16 minCompleters;
        uint16 maxPrompts;
        uint16 maxCreatorReassignments;
        uint16 maxPreparerReassignments;
        uint16 minerCooldownRounds;
        RoleOverlap roleOverlap;
        RoundCommitScheme commitScheme;
        uint32 maxTopicBytes;
        uint32 maxChallengeBytes;
        uint32 maxCompletionBytes;
        RoundSlashing slashing;
        uint16 slashBps;
    }

    /// @dev A round's observable projection (`RoundState`); times are ticks, 0 = unset.
    struct RoundView {
        uint256 roundId;
        RoundStatus status;
        uint32 phaseSeq;
        uint64 phaseStartedAt;
        uint64 phaseDeadline;
        uint64 requestedAt;
        uint64 updatedAt;
        uint64 startedAt;
        uint64 endedAt;
        address[] creators;
        string domain;
        string subdomain;
        address[] preparers;
        string[] challenges;
        address[] completers;
        address validator;
        /// @dev The outcome once ended: completed, or why not and in which phase.
        bool completed;
        RoundFailureReason failureReason;
        RoundStatus failurePhase;
    }

    /// @dev One completer's record (`CompleterSlot`); similarity × 1e6.
    struct CompleterView {
        CompleterState state;
        bytes32 precommitHash;
        uint64 precommitAt;
        uint64 committedAt;
        int32 similarity;
        bytes32 salt;
        string completion;
    }
}

interface ICognitiveEvents is ICognitiveTypes {
    event NewSessionRequest(uint256 indexed roundId, address[] miners);
    event NewSessionRequestAssigned(uint256 indexed roundId, address indexed miner);
    event SessionCreated(uint256 indexed roundId, address indexed miner);
    event SessionPrepareAssigned(uint256 indexed roundId, address indexed miner);
    event SessionPrepared(uint256 indexed roundId, address indexed miner);
    event SessionStarted(uint256 indexed roundId, uint64 startedAt, address[] miners);
    event SessionPrecommitted(uint256 indexed roundId, address indexed miner);
    event SessionAllPrecommitted(uint256 indexed roundId, address[] miners, bool forceEnd);
    event SessionCommitted(uint256 indexed roundId, address indexed miner);
    event SessionAllCommitted(uint256 indexed roundId, address[] miners);
    event SessionValidated(uint256 indexed roundId, address[] valid, address[] outliers);
    event SessionEnded(uint256 indexed roundId, uint64 endedAt, bool completed, RoundFailureReason reason);
    event CognitiveModulesUpdated(address registry, address pool, address payment);
    event RoundParamsUpdated(RoundParams params);
}

interface ICognitiveErrors is ICognitiveTypes {
    // ---- administration ----
    error CognitiveZeroAddress();
    error CognitiveInvalidParam(uint8 field, uint256 value);
    // ---- round and phase ----
    error CognitiveUnknownRound(uint256 roundId);
    error CognitiveWrongPhase(uint256 roundId, RoundStatus status);
    error CognitiveNoPreparer(uint256 roundId);
    error CognitivePhaseNotOver(uint256 roundId, uint256 deadline);
    error CognitiveDeadlinePassed(uint256 roundId, uint256 deadline);
    // ---- roles ----
    error CognitiveNotAssignedMiner(uint256 roundId, address account);
    error CognitivePreparerAssigned(uint256 roundId, address preparer);
    error CognitiveMinerNotEligible(uint256 roundId, address miner);
    error CognitiveMinerCoolingDown(uint256 roundId, address miner, uint256 lastPickedRound);
    error CognitiveWrongCompleterCount(uint256 roundId, uint256 given, uint256 needed);
    error CognitiveDuplicateMiner(uint256 roundId, address miner);
    // ---- inputs ----
    error CognitiveInvalidString(uint256 roundId, uint8 field, uint256 length);
    error CognitiveWrongChallengeCount(uint256 roundId, uint256 given, uint256 needed);
    // ---- completers ----
    error CognitiveNotPrecommitted(uint256 roundId, address miner);
    error CognitiveAlreadyActed(uint256 roundId, address miner, CompleterState state);
    error CognitiveRevealMismatch(uint256 roundId, address miner, bytes32 precommitHash, bytes32 revealHash);
    // ---- validation ----
    error CognitiveAlreadyValidated(uint256 roundId, address validator);
    error CognitiveVerdictLengthMismatch(uint256 roundId, uint256 miners, uint256 validFlags, uint256 similarities);
    error CognitiveWrongVerdictCount(uint256 roundId, uint256 given, uint256 revealed);
    error CognitiveSimilarityOutOfRange(uint256 roundId, address miner, int256 similarity);
}
