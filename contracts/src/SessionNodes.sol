// SPDX-License-Identifier: MIT
// contracts/src/SessionNodes.sol (phase 2)
pragma solidity ^0.8.24;

import {INodePoolTypes} from "./interfaces/INodePool.sol";
import {SessionStorage} from "./SessionStorage.sol";
import {SessionRules} from "./libraries/SessionRules.sol";

/**
 * @dev A session's nodes (`protocol/session/nodes.ts` with the world's node rules): ephemeral
 * nodes an oracle assigns from the pool (reserved in NodePool, which keeps a node in at most one
 * session) and releases, and dedicated nodes the owner adds and removes (recorded on the node's
 * side too). Ephemeral and dedicated nodes together never exceed maxNumOfNodes; a node appears at
 * most once in a session; every change recomputes Ready/Created.
 */
abstract contract SessionNodes is SessionStorage {
    uint256 private constant _ASSIGNMENT_EPHEMERAL = 0;

    constructor(address initialOwner) SessionStorage(initialOwner) {}

    /**
     * @notice An oracle assigns pool nodes to the session; each is reserved for the session's
     * reserve period and task count.
     * @dev Requirements, in the world's order: the session exists; the caller is an oracle (the
     * leader in strict mode); each node is selectable for the session's model at its SLA (registered,
     * not banned, online, Available, serving the model, level ≥ sla, stake ≥ minStake: NodePool's
     * errors); the session is not deactivated; its mode takes ephemeral nodes; the list is not
     * empty, has no node twice and none already in the session; the session stays within
     * maxNumOfNodes. Emits {NewNodeAssignedToSession} (then NodePool's {NodeReserved} per node).
     */
    function assignNodes(uint256 sessionId, address[] calldata nodes) external {
        SessionRecord storage s = _getSession(sessionId);
        _getRegistry().authorize(msg.sender);
        for (uint256 i = 0; i < nodes.length; ++i) {
            _getPool().requireSelectable(nodes[i], s.config.modelIdentifier, s.config.sla, 0);
        }
        if (s.status == SessionStatus.Deactivated) revert SessionInactive(sessionId);
        if (!SessionRules.isNodeTypeAllowed(s.config.mode, false)) revert SessionWrongMode(sessionId, s.config.mode);
        if (nodes.length == 0) revert SessionEmptyInput(InputField.Nodes);
        _checkNewNodes(s, sessionId, nodes);
        for (uint256 i = 0; i < nodes.length; ++i) {
            s.ephemeralNodes.push(nodes[i]);
            s.membership[nodes[i]] = Membership.Ephemeral;
        }
        _settleStatus(s);
        emit NewNodeAssignedToSession(sessionId, nodes, _nodeCount(s), _ASSIGNMENT_EPHEMERAL);
        for (uint256 i = 0; i < nodes.length; ++i) {
            _getPool().reserve(nodes[i], sessionId, s.config.reservePeriodMs, s.config.maxTaskExecutionCount);
        }
    }

    /**
     * @notice Ends `node`'s reservation and takes it off its session's list: anyone may once the
     * release is due (`Period` after the reserve period, `TaskCount` once the count is reached
     * under `firstOf`); the session's owner or an oracle at any time (`Manual`).
     * @dev Requirements: `node` is registered ({SessionUnknownNode}) and reserved
     * ({SessionNodeNotReserved}); `reason` is not `Deactivated` (that comes with
     * {deactivateSession}); for `Manual` the caller is the session's owner or an authorized oracle;
     * the release is due (NodePool's {NodePoolReleaseNotDue}). Emits {NodeReleased} (Session's,
     * after NodePool's).
     */
    function releaseNode(address node, INodePoolTypes.ReleaseReason reason) external {
        if (_getPool().getStatus(node) == INodePoolTypes.NodeStatus.Unregistered) revert SessionUnknownNode(0, node);
        (uint256 sessionId,,) = _getPool().getReservation(node);
        if (sessionId == 0) revert SessionNodeNotReserved(node);
        if (reason == INodePoolTypes.ReleaseReason.Deactivated) revert SessionReleaseWithDeactivation(node);
        if (reason == INodePoolTypes.ReleaseReason.Manual && msg.sender != _sessions[sessionId].owner) {
            // The world refuses anyone who is neither the owner nor an authorized oracle as NotOwner.
            try _getRegistry().authorize(msg.sender) {}
            catch {
                revert SessionNotOwnerOrOracle(sessionId, msg.sender);
            }
        }
        _releaseReservation(node, sessionId, reason);
    }

    /**
     * @notice The owner dedicates a registered node to the session.
     * @dev Requirements: the session exists; `node` is registered ({SessionUnknownNode}); the
     * session is not deactivated; the caller is its owner; its mode takes dedicated nodes; `node`
     * is not in the session; the session has room; NodePool accepts the dedication (node not
     * banned, below maxDedicatedSessions). Emits {DedicatedNodeAdded} (and NodePool's).
     */
    function addDedicatedNode(uint256 sessionId, address node) external {
        _getSession(sessionId);
        if (_getPool().getStatus(node) == INodePoolTypes.NodeStatus.Unregistered) revert SessionUnknownNode(sessionId, node);
        SessionRecord storage s = _getOwnedSession(sessionId);
        if (!SessionRules.isNodeTypeAllowed(s.config.mode, true)) revert SessionWrongMode(sessionId, s.config.mode);
        if (s.membership[node] != Membership.None) revert SessionNodeAlreadyInSession(sessionId, node);
        uint256 count = _nodeCount(s);
        if (count >= s.config.maxNumOfNodes) revert SessionFull(sessionId, count + 1, s.config.maxNumOfNodes);
        s.dedicatedNodes.push(node);
        s.membership[node] = Membership.Dedicated;
        _settleStatus(s);
        emit DedicatedNodeAdded(sessionId, node);
        _getPool().addDedicated(node, sessionId, msg.sender);
    }

    /**
     * @notice The owner removes a dedicated node from the session.
     * @dev Requirements: the session exists and is not deactivated; the caller is its owner;
     * `node` is one of its dedicated nodes ({SessionUnknownNode}). Emits {DedicatedNodeRemoved}
     * (and NodePool's).
     */
    function removeDedicatedNode(uint256 sessionId, address node) external {
        SessionRecord storage s = _getOwnedSession(sessionId);
        if (s.membership[node] != Membership.Dedicated) revert SessionUnknownNode(sessionId, node);
        _removeFromList(s.dedicatedNodes, node);
        delete s.membership[node];
        _settleStatus(s);
        emit DedicatedNodeRemoved(sessionId, node);
        _getPool().removeDedicated(node, sessionId, msg.sender);
    }

    // ---- internal ------------------------------------------------------------------------------

    /// @dev Ends a reservation on both sides (`releaseReservation`): the node, then the session's list.
    function _releaseReservation(address node, uint256 sessionId, INodePoolTypes.ReleaseReason reason) internal {
        _getPool().release(node, sessionId, reason);
        SessionRecord storage s = _sessions[sessionId];
        if (s.status == SessionStatus.Deactivated) return;
        _leaveSession(s, sessionId, node);
    }

    /// @dev An ephemeral node leaves the session's list (`processReleaseNode`).
    function _leaveSession(SessionRecord storage s, uint256 sessionId, address node) internal {
        if (s.membership[node] != Membership.Ephemeral) revert SessionUnknownNode(sessionId, node);
        _removeFromList(s.ephemeralNodes, node);
        delete s.membership[node];
        _settleStatus(s);
        emit NodeReleased(node, sessionId);
    }

    /// @dev No node twice, none already in the session, room for all (`processAssignNodes`).
    function _checkNewNodes(SessionRecord storage s, uint256 sessionId, address[] calldata nodes) private view {
        for (uint256 i = 1; i < nodes.length; ++i) {
            for (uint256 j = 0; j < i; ++j) {
                if (nodes[i] == nodes[j]) revert SessionDuplicateNode(sessionId, nodes[i]);
            }
        }
        for (uint256 i = 0; i < nodes.length; ++i) {
            if (s.membership[nodes[i]] != Membership.None) revert SessionNodeAlreadyInSession(sessionId, nodes[i]);
        }
        uint256 total = _nodeCount(s) + nodes.length;
        if (total > s.config.maxNumOfNodes) revert SessionFull(sessionId, total, s.config.maxNumOfNodes);
    }
}
