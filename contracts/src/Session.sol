// SPDX-License-Identifier: MIT
// contracts/src/Session.sol (phase 2)
pragma solidity ^0.8.24;

import {INodePoolTypes} from "./interfaces/INodePool.sol";
import {ISessionForPool, ISessionForQueue, ISessionV2} from "./interfaces/ISession.sol";
import {SessionNodes} from "./SessionNodes.sol";
import {SessionRules} from "./libraries/SessionRules.sol";

/**
 * @title Session
 * @dev User sessions on chain (SessionV2): `protocol/session` with the world's session rules
 * (`protocol/world/sessions.ts`). Created → Ready ⇄ Created → Deactivated, Ready while ephemeral
 * plus dedicated nodes number at least minNumOfNodes; only a Ready session accepts tasks.
 *
 * The owner creates, configures, hands over and deactivates a session and manages its routers
 * and dedicated nodes; an oracle assigns pool nodes (reserved in NodePool); the owner or a router
 * submits tasks: the escrow is held in SessionPayment and the task queued in SessionQueue.
 * Function names and argument lists are SessionV2's where published (`create` with 13 arguments,
 * `update` with 8, `submit`, `addRouter`, `addDedicatedNode`, `deactivateSession`, …); the
 * reserve period is in milliseconds, like every parameter here.
 *
 * Checks run in the world's order (session exists, pool-side node checks where the world makes
 * them first, then the session machine: not deactivated, allowed in the status, owner, the
 * event's own rules), so the first error is the spec's rejection.
 */
contract Session is SessionNodes, ISessionForQueue, ISessionForPool {
    constructor(address initialOwner) SessionNodes(initialOwner) {}

    // ---- lifecycle (owner) ---------------------------------------------------------------------

    /**
     * @notice Creates a session owned by the caller and returns its id (from 1); it starts
     * Created, with no nodes. The arguments are SessionV2 `create`'s thirteen, with the numbers in
     * two fixed-size arrays: `counts` = [minNumOfNodes, maxNumOfNodes, redundant,
     * numOfValidatorNodes, mode] and `terms` = [sla, modelIdentifier, reservePeriodMs,
     * maxTaskExecutionCount]. The calldata is byte for byte SessionV2's, and a call with SessionV2's
     * selector ({ISessionV2-create}) lands here too (see {fallback}).
     * @dev Requirements: every field valid, in this order: name 1…maxNameBytes bytes; metadata ≤
     * maxMetadataBytes; 1 ≤ minNumOfNodes ≤ maxNumOfNodes ≤ maxNodesPerSession; 1 ≤ redundant ≤
     * maxNumOfNodes; numOfValidatorNodes ≤ maxValidatorNodes; mode 0, 1 or 2 (reserveEphemeralNodes
     * false in mode 1); sla ≤ levels.max; modelIdentifier a safe integer; 1 ≤ reservePeriodMs ≤
     * maxReservePeriodMs; 1 ≤ maxTaskExecutionCount ≤ maxTaskExecutionCountCap
     * ({SessionInvalidConfig} names the first that is not). Opens the session's account in
     * SessionPayment. Emits {SessionCreated}.
     */
    function createSession(
        string memory name,
        string memory metadata,
        address variableAddress,
        uint256[5] memory counts,
        bool reserveEphemeralNodes,
        uint256[4] memory terms
    ) external returns (uint256) {
        return _create(name, metadata, variableAddress, counts, reserveEphemeralNodes, terms);
    }

    /**
     * @notice SessionV2's `create` with its thirteen arguments ({ISessionV2-create}), answered like
     * {createSession} (same calldata layout, returns the id). Thirteen arguments with two strings
     * are more than the compiler's legacy pipeline can decode on the stack, so this one selector
     * is dispatched by hand; any other unknown selector is refused.
     * @dev Reverts with {SessionUnknownFunction} for any other selector.
     */
    fallback(bytes calldata input) external returns (bytes memory) {
        if (msg.sig != ISessionV2.create.selector) revert SessionUnknownFunction(msg.sig);
        (string memory name, string memory metadata, address v, uint256[5] memory counts, bool reserve, uint256[4] memory terms) =
            abi.decode(input[4:], (string, string, address, uint256[5], bool, uint256[4]));
        return abi.encode(_create(name, metadata, v, counts, reserve, terms));
    }

    /**
     * @notice Changes the session's name, metadata, node bounds, redundancy, validators and mode.
     * @dev Requirements: the session exists and is not deactivated; the caller is its owner; the
     * new config is valid ({create}'s order) and fits the nodes it has: maxNumOfNodes ≥ its nodes,
     * a mode that takes its ephemeral and dedicated nodes. The status follows the new minimum.
     * Emits {SessionUpdated}.
     */
    function update(
        string memory name,
        string memory metadata,
        uint256 sessionId,
        uint256 minNumOfNodes,
        uint256 maxNumOfNodes,
        uint256 redundant,
        uint256 numOfValidatorNodes,
        uint256 mode
    ) external {
        SessionRecord storage s = _getOwnedSession(sessionId);
        SessionConfig memory c = s.config;
        (c.name, c.metadata) = (name, metadata);
        uint256[9] memory n = _configNumbers(c);
        (n[0], n[1], n[2], n[3], n[4]) = (minNumOfNodes, maxNumOfNodes, redundant, numOfValidatorNodes, mode);
        _checkConfig(c, n);
        _checkFitsNodes(s, n[1], SessionMode(n[4]));
        _setNumbers(c, n);
        s.config = c;
        _settleStatus(s);
        emit SessionUpdated(sessionId, msg.sender, c.minNumOfNodes, c.maxNumOfNodes, c.redundant);
    }

    /**
     * @notice Hands the session (and its account in SessionPayment) to `newOwner`.
     * @dev Requirements: the session exists and is not deactivated; the caller is its owner;
     * `newOwner` is not zero. Emits {SessionOwnerUpdated}.
     */
    function updateOwner(uint256 sessionId, address newOwner) external {
        SessionRecord storage s = _getOwnedSession(sessionId);
        if (newOwner == address(0)) revert SessionZeroOwner();
        s.owner = newOwner;
        s.updatedAt = uint64(block.timestamp);
        emit SessionOwnerUpdated(sessionId, msg.sender, newOwner);
        _getPayment().transferSessionAccount(sessionId, newOwner);
    }

    /**
     * @notice Closes the session: its ephemeral nodes are released (they re-validate before they
     * return to the pool) and its dedicated nodes detached. Open tasks still end normally; the
     * owner withdraws what is not held in SessionPayment.
     * @dev Requirements: the session exists and is not deactivated; the caller is its owner.
     * Emits {NodeReleased} per node (ephemeral first), then {SessionDeactivated}.
     */
    function deactivateSession(uint256 sessionId) external {
        SessionRecord storage s = _getOwnedSession(sessionId);
        address[] memory ephemeral = s.ephemeralNodes;
        address[] memory dedicated = s.dedicatedNodes;
        address[] memory all = new address[](ephemeral.length + dedicated.length);
        for (uint256 i = 0; i < all.length; ++i) {
            all[i] = i < ephemeral.length ? ephemeral[i] : dedicated[i - ephemeral.length];
            delete s.membership[all[i]];
            emit NodeReleased(all[i], sessionId);
        }
        delete s.ephemeralNodes;
        delete s.dedicatedNodes;
        uint64 nowTick = uint64(block.timestamp);
        (s.status, s.updatedAt, s.deactivatedAt) = (SessionStatus.Deactivated, nowTick, nowTick);
        emit SessionDeactivated(sessionId, msg.sender, all);
        for (uint256 i = 0; i < ephemeral.length; ++i) {
            _getPool().release(ephemeral[i], sessionId, INodePoolTypes.ReleaseReason.Deactivated);
        }
        for (uint256 i = 0; i < dedicated.length; ++i) {
            _getPool().removeDedicated(dedicated[i], sessionId, msg.sender);
        }
    }

    // ---- routers (owner) -----------------------------------------------------------------------

    /**
     * @notice Registers `router` for the session; a router may submit tasks and takes the router
     * share of their charge.
     * @dev Requirements: the session exists and is not deactivated; the caller is its owner;
     * metadata ≤ maxRouterMetadataBytes; `router` is not registered yet; fewer than maxRouters.
     * Emits {RouterAdded}.
     */
    function addRouter(uint256 sessionId, address router, string calldata metadata) external {
        SessionRecord storage s = _getOwnedSession(sessionId);
        _checkString(InputField.RouterMetadata, bytes(metadata).length, 0, _sp().maxRouterMetadataBytes);
        if (isRouter(sessionId, router)) revert SessionRouterExists(sessionId, router);
        if (s.routerAddresses.length >= _sp().maxRouters) revert SessionTooManyRouters(sessionId, _sp().maxRouters);
        s.routerAddresses.push(router);
        s.routerMetadata[router] = metadata;
        s.updatedAt = uint64(block.timestamp);
        emit RouterAdded(sessionId, router, metadata);
    }

    /**
     * @notice Removes `router` from the session.
     * @dev Requirements: the session exists and is not deactivated; the caller is its owner;
     * `router` is registered ({SessionNotRouter}). Emits {RouterRemoved}.
     */
    function removeRouter(uint256 sessionId, address router) external {
        SessionRecord storage s = _getOwnedSession(sessionId);
        if (!isRouter(sessionId, router)) revert SessionNotRouter(sessionId, router);
        _removeFromList(s.routerAddresses, router);
        delete s.routerMetadata[router];
        s.updatedAt = uint64(block.timestamp);
        emit RouterRemoved(sessionId, router);
    }

    // ---- tasks ---------------------------------------------------------------------------------

    /**
     * @notice Submits a task: holds its escrow (every assigned miner valid at `maxTokens`) in
     * SessionPayment and queues it in SessionQueue; returns its id (per session, from 0).
     * @dev Requirements: the session exists, is not deactivated and is Ready; the caller is its
     * owner or a registered router (then the task's router); nodeType 0 or 1 and allowed by the
     * mode; taskData 1…maxTaskDataBytes bytes; promptType a safe integer; promptTemplate and
     * clientReference within their bounds; requestParams and llmParams valid (see
     * {SessionRules-decodeMaxTokens}); the session's available balance covers the escrow.
     * Emits {TaskSubmitted} (then SessionPayment's {TaskEscrowed} and SessionQueue's {TaskQueued}).
     */
    function submit(
        uint256 sessionId,
        uint256 nodeType,
        string calldata taskData,
        uint256 promptType,
        string memory promptTemplate,
        uint256[] calldata llmParams,
        uint256[] calldata requestParams,
        string memory clientReference
    ) external returns (uint256 taskId) {
        SessionRecord storage s = _checkSubmitter(sessionId);
        _checkSubmission(s, sessionId, nodeType, bytes(taskData).length, promptType);
        _checkString(InputField.PromptTemplate, bytes(promptTemplate).length, 0, _sp().maxPromptTemplateBytes);
        _checkString(InputField.ClientReference, bytes(clientReference).length, 0, _sp().maxClientReferenceBytes);
        SessionRules.checkParamArray(InputField.RequestParams, requestParams, _sp().maxParamEntries);
        taskId = _submitTask(s, sessionId, llmParams, taskData, clientReference);
    }

    // ---- module callbacks ----------------------------------------------------------------------

    /**
     * @notice SessionQueue's assignment check (the world's `checkAssignable`): every registered
     * miner is not banned and online, then every miner is one of the session's nodes.
     * @dev Reverts with NodePool's {NodePoolNodeBanned} / {NodePoolNodeOffline}, or {SessionNotSessionNode}.
     */
    function checkAssignable(uint256 sessionId, address[] calldata miners) external view {
        for (uint256 i = 0; i < miners.length; ++i) {
            _getPool().requireAssignable(miners[i]);
        }
        for (uint256 i = 0; i < miners.length; ++i) {
            if (!isSessionNode(sessionId, miners[i])) revert SessionNotSessionNode(sessionId, miners[i]);
        }
    }

    /**
     * @notice A task of `sessionId` ended on `miners`: each execution counts against the miner's
     * reservation, and a reservation whose task count is reached is released in the same
     * transaction (as SessionV2 does).
     * @dev Requirements: the caller is SessionQueue.
     */
    function recordTaskExecuted(uint256 sessionId, address[] calldata miners) external onlyQueue {
        for (uint256 i = 0; i < miners.length; ++i) {
            (, bool releaseDue) = _getPool().taskExecuted(miners[i], sessionId);
            if (releaseDue) _releaseReservation(miners[i], sessionId, INodePoolTypes.ReleaseReason.TaskCount);
        }
    }

    /**
     * @notice NodePool banned `node`, reserved by `sessionId`: it leaves the session's node list
     * (unless the session was deactivated meanwhile).
     * @dev Requirements: the caller is NodePool. Emits {NodeReleased}.
     */
    function onNodeBanned(address node, uint256 sessionId) external onlyPool {
        SessionRecord storage s = _sessions[sessionId];
        if (s.status == SessionStatus.Deactivated) return;
        _leaveSession(s, sessionId, node);
    }

    // ---- internal ------------------------------------------------------------------------------

    /// @dev Checks the whole config ({createSession}'s order) and opens the session, with its account in SessionPayment.
    function _create(
        string memory name,
        string memory metadata,
        address variableAddress,
        uint256[5] memory counts,
        bool reserveEphemeralNodes,
        uint256[4] memory terms
    ) private returns (uint256 sessionId) {
        SessionConfig memory c;
        (c.name, c.metadata, c.variableAddress, c.reserveEphemeralNodes) = (name, metadata, variableAddress, reserveEphemeralNodes);
        uint256[9] memory n = [counts[0], counts[1], counts[2], counts[3], counts[4], terms[0], terms[1], terms[2], terms[3]];
        _checkConfig(c, n);
        _setNumbers(c, n);
        sessionId = ++_sessionCount;
        SessionRecord storage s = _sessions[sessionId];
        uint64 nowTick = uint64(block.timestamp);
        (s.status, s.owner, s.createdAt, s.updatedAt) = (SessionStatus.Created, msg.sender, nowTick, nowTick);
        s.config = c;
        emit SessionCreated(sessionId, msg.sender, new address[](0));
        _getPayment().registerSession(sessionId, msg.sender);
    }

    /// @dev `computeUpdatedConfig`'s fit: maxNumOfNodes not below the nodes held, a mode that takes them.
    function _checkFitsNodes(SessionRecord storage s, uint256 maxNumOfNodes, SessionMode mode) private view {
        uint256 nodes = _nodeCount(s);
        if (maxNumOfNodes < nodes) revert SessionInvalidConfig(ConfigField.MaxNumOfNodes, maxNumOfNodes);
        if (s.ephemeralNodes.length > 0 && !SessionRules.isNodeTypeAllowed(mode, false)) {
            revert SessionInvalidConfig(ConfigField.Mode, uint256(mode));
        }
        if (s.dedicatedNodes.length > 0 && !SessionRules.isNodeTypeAllowed(mode, true)) {
            revert SessionInvalidConfig(ConfigField.Mode, uint256(mode));
        }
    }

    /// @dev The session open and Ready, the caller its owner or one of its routers.
    function _checkSubmitter(uint256 sessionId) private view returns (SessionRecord storage s) {
        s = _getOpenSession(sessionId);
        if (s.status != SessionStatus.Ready) revert SessionWrongPhase(sessionId, s.status);
        if (msg.sender != s.owner && !isRouter(sessionId, msg.sender)) revert SessionNotRouter(sessionId, msg.sender);
    }

    /// @dev `checkSubmission`'s first checks: the node type and the mode, the task data, the prompt type.
    function _checkSubmission(SessionRecord storage s, uint256 sessionId, uint256 nodeType, uint256 taskDataBytes, uint256 promptType)
        private
        view
    {
        if (nodeType > 1) revert SessionInvalidInteger(InputField.NodeType, 0, nodeType);
        if (!SessionRules.isNodeTypeAllowed(s.config.mode, nodeType == 1)) revert SessionWrongMode(sessionId, s.config.mode);
        _checkString(InputField.TaskData, taskDataBytes, 1, _sp().maxTaskDataBytes);
        if (promptType > SessionRules.MAX_SAFE_INTEGER) revert SessionInvalidInteger(InputField.PromptType, 0, promptType);
    }

    /// @dev Decodes maxTokens, allocates the task id and queues the task (see {_enqueue}).
    function _submitTask(
        SessionRecord storage s,
        uint256 sessionId,
        uint256[] calldata llmParams,
        string calldata taskData,
        string memory clientReference
    ) private returns (uint256 taskId) {
        SessionParams storage p = _sp();
        uint256 maxTokens = SessionRules.decodeMaxTokens(llmParams, p.maxParamEntries, p.defaultMaxTokens, p.maxTokensCap);
        taskId = s.nextTaskId++;
        s.updatedAt = uint64(block.timestamp);
        emit TaskSubmitted(sessionId, taskId, taskData, clientReference);
        _enqueue(s, sessionId, taskId, maxTokens, taskData);
    }

    /**
     * @dev Holds the task's escrow in SessionPayment and queues it (the world's `enqueueTask`
     * effect); the task's router is the submitter when it is one of the session's routers.
     */
    function _enqueue(SessionRecord storage s, uint256 sessionId, uint256 taskId, uint256 maxTokens, string calldata taskData) private {
        address router = isRouter(sessionId, msg.sender) ? msg.sender : address(0);
        (uint256 perMiner, uint256 perToken) = _getQueue().getPricing();
        uint256 redundant = s.config.redundant;
        uint256 escrow = SessionRules.computeTaskEscrow(perMiner, perToken, redundant, maxTokens);
        _getPayment().escrowTask(sessionId, taskId, escrow);
        uint256 queued = _getQueue().enqueueTask(sessionId, redundant, s.config.modelIdentifier, maxTokens, escrow, router, taskData);
        // Session is the queue's only session module, so both count this session's tasks alike.
        assert(queued == taskId);
    }
}
