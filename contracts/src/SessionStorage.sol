// SPDX-License-Identifier: MIT
// contracts/src/SessionStorage.sol (phase 2)
pragma solidity ^0.8.24;

import {SessionSettings} from "./SessionSettings.sol";

/**
 * @dev Session records (`SessionState` of `protocol/session/types.ts`, times in ticks, 0 = unset)
 * and every read of them, plus the node lists' bookkeeping. A session keeps its ephemeral and
 * dedicated nodes in assignment order (bounded by maxNumOfNodes ≤ `maxNodesPerSession`) with a
 * membership index for O(1) lookups, its routers (bounded by `maxRouters`) and only a counter of
 * its tasks, so its size does not grow with its traffic. Session ids count from 1.
 */
abstract contract SessionStorage is SessionSettings {
    /// @dev Where a node sits in a session.
    enum Membership {
        None,
        Ephemeral,
        Dedicated
    }

    struct SessionRecord {
        SessionStatus status;
        address owner;
        uint64 createdAt;
        uint64 updatedAt;
        uint64 deactivatedAt;
        uint64 nextTaskId;
        SessionConfig config;
        address[] ephemeralNodes;
        address[] dedicatedNodes;
        address[] routerAddresses;
        mapping(address router => string) routerMetadata;
        mapping(address node => Membership) membership;
    }

    mapping(uint256 sessionId => SessionRecord) internal _sessions;
    uint256 internal _sessionCount;

    constructor(address initialOwner) SessionSettings(initialOwner) {}

    // ---- reads ---------------------------------------------------------------------------------

    /**
     * @notice The session's state (SessionV2 `getSession`, split in reads: this one, its config
     * {getSessionConfig}, its nodes {getSessionNodes} and its routers {getRouters}).
     * Reverts with {SessionUnknownSession}.
     */
    function getSession(uint256 sessionId) external view returns (SessionView memory v) {
        SessionRecord storage s = _getSession(sessionId);
        (v.id, v.status, v.owner, v.nextTaskId) = (sessionId, s.status, s.owner, s.nextTaskId);
        (v.createdAt, v.updatedAt, v.deactivatedAt) = (s.createdAt, s.updatedAt, s.deactivatedAt);
        (v.ephemeralNodeCount, v.dedicatedNodeCount) = (s.ephemeralNodes.length, s.dedicatedNodes.length);
    }

    /// @notice The session's config. Reverts with {SessionUnknownSession}.
    function getSessionConfig(uint256 sessionId) external view returns (SessionConfig memory) {
        return _getSession(sessionId).config;
    }

    /// @notice The session's ephemeral and dedicated nodes, in assignment order. Reverts with {SessionUnknownSession}.
    function getSessionNodes(uint256 sessionId) external view returns (address[] memory ephemeralNodes, address[] memory dedicatedNodes) {
        SessionRecord storage s = _getSession(sessionId);
        return (s.ephemeralNodes, s.dedicatedNodes);
    }

    /// @notice Sessions ever created (ids are 1 … count).
    function getSessionCount() external view returns (uint256) {
        return _sessionCount;
    }

    function doesSessionExist(uint256 sessionId) public view returns (bool) {
        return sessionId != 0 && sessionId <= _sessionCount;
    }

    /// @notice Is `node` one of the session's ephemeral or dedicated nodes?
    function isSessionNode(uint256 sessionId, address node) public view returns (bool) {
        return _sessions[sessionId].membership[node] != Membership.None;
    }

    /// @notice The session's routers and their metadata, in registration order.
    function getRouters(uint256 sessionId) external view returns (address[] memory routers, string[] memory metadatas) {
        SessionRecord storage s = _getSession(sessionId);
        routers = s.routerAddresses;
        metadatas = new string[](routers.length);
        for (uint256 i = 0; i < routers.length; ++i) {
            metadatas[i] = s.routerMetadata[routers[i]];
        }
    }

    function isRouter(uint256 sessionId, address account) public view returns (bool) {
        return _indexOfRouter(_sessions[sessionId], account) < _sessions[sessionId].routerAddresses.length;
    }

    /// @notice The miners of a task and their revealed results (SessionV2 `getTaskResults`, read from the queue).
    function getTaskResults(uint256 sessionId, uint256 taskId) external view returns (address[] memory, string[] memory) {
        return _getQueue().getTaskResults(sessionId, taskId);
    }

    // ---- internal ------------------------------------------------------------------------------

    /// @dev The session, or a revert with {SessionUnknownSession}.
    function _getSession(uint256 sessionId) internal view returns (SessionRecord storage) {
        if (!doesSessionExist(sessionId)) revert SessionUnknownSession(sessionId);
        return _sessions[sessionId];
    }

    /// @dev The session, open (not deactivated: {SessionInactive}).
    function _getOpenSession(uint256 sessionId) internal view returns (SessionRecord storage s) {
        s = _getSession(sessionId);
        if (s.status == SessionStatus.Deactivated) revert SessionInactive(sessionId);
    }

    /// @dev The session, open, and the caller its owner ({SessionNotOwner}).
    function _getOwnedSession(uint256 sessionId) internal view returns (SessionRecord storage s) {
        s = _getOpenSession(sessionId);
        if (msg.sender != s.owner) revert SessionNotOwner(sessionId, msg.sender);
    }

    /// @dev Ready while ephemeral + dedicated nodes ≥ minNumOfNodes (`settleStatus`); stamps the update.
    function _settleStatus(SessionRecord storage s) internal {
        uint256 nodes = s.ephemeralNodes.length + s.dedicatedNodes.length;
        s.status = nodes >= s.config.minNumOfNodes ? SessionStatus.Ready : SessionStatus.Created;
        s.updatedAt = uint64(block.timestamp);
    }

    function _nodeCount(SessionRecord storage s) internal view returns (uint256) {
        return s.ephemeralNodes.length + s.dedicatedNodes.length;
    }

    /// @dev Removes `node` from `list` keeping the order of the rest (hosts rely on assignment order).
    function _removeFromList(address[] storage list, address node) internal {
        uint256 n = list.length;
        uint256 i = 0;
        while (list[i] != node) ++i;
        for (; i + 1 < n; ++i) {
            list[i] = list[i + 1];
        }
        list.pop();
    }

    function _indexOfRouter(SessionRecord storage s, address router) internal view returns (uint256 i) {
        uint256 count = s.routerAddresses.length;
        while (i < count && s.routerAddresses[i] != router) ++i;
    }
}
