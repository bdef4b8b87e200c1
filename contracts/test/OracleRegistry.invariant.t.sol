// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

// Goal: one leader per window, whatever happens: while the set is not empty exactly one oracle
// leads and it is registered; in strict mode only that oracle's actions are accepted; an oracle
// rotated out does not lead again in the same window; the address order is kept.
// Method: forge's invariant fuzzer calls only OracleRegistryHandler (registrations, heartbeats,
// rotations, authorizations, rule switches, time), which records every accepted authorization
// against the leader predicted just before it and the oracles failed over in the current window;
// the invariants re-read the registry after every call. Deliberately broken registries (a
// `rotate` that may hand back to a rotated-out oracle, an `authorize` that skips the leader check)
// make these fail.

import {Test} from "forge-std/Test.sol";
import {OracleRegistry} from "../src/OracleRegistry.sol";
import {IOracleRegistryTypes} from "../src/interfaces/IOracleRegistry.sol";
import {OracleRegistryHandler} from "./handlers/OracleRegistryHandler.sol";

contract OracleRegistryInvariantTest is Test, IOracleRegistryTypes {
    OracleRegistry internal registry;
    OracleRegistryHandler internal handler;

    function setUp() public {
        vm.warp(1_200_000);
        address owner = makeAddr("owner");
        registry = new OracleRegistry(owner, 1000, 0);
        handler = new OracleRegistryHandler(registry, owner);
        vm.prank(owner);
        registry.setModule(address(handler), true);

        bytes4[] memory selectors = new bytes4[](8);
        selectors[0] = OracleRegistryHandler.register.selector;
        selectors[1] = OracleRegistryHandler.deregister.selector;
        selectors[2] = OracleRegistryHandler.heartbeat.selector;
        selectors[3] = OracleRegistryHandler.rotate.selector;
        selectors[4] = OracleRegistryHandler.tick.selector;
        selectors[5] = OracleRegistryHandler.authorize.selector;
        selectors[6] = OracleRegistryHandler.setRules.selector;
        selectors[7] = OracleRegistryHandler.warp.selector;
        targetContract(address(handler));
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    /// @dev Active ⇔ a leader; the recorded and the current leader are registered oracles.
    function invariant_OneRegisteredLeaderWhileActive() public view {
        OracleSetView memory v = registry.getOracleSet();
        if (v.status == OracleSetStatus.Empty) {
            assertEq(v.leader, address(0));
            assertEq(v.oracles.length, 0);
            return;
        }
        assertGt(v.oracles.length, 0);
        assertTrue(registry.isOracle(v.leader));
        assertTrue(registry.isOracle(registry.getLeader()));
        for (uint256 i = 1; i < v.oracles.length; ++i) {
            assertLt(uint160(v.oracles[i - 1]), uint160(v.oracles[i]), "ascending address order");
        }
    }

    /// @dev In strict mode every accepted oracle action came from the leader of that moment.
    function invariant_StrictModeAcceptsOnlyTheLeader() public view {
        assertEq(handler.wrongLeaderAccepted(), 0);
    }

    /// @dev A rotated-out oracle is listed once, is registered, and does not lead again this window.
    function invariant_RotatedOutDoNotLeadAgainInTheWindow() public view {
        OracleSetView memory v = registry.getOracleSet();
        for (uint256 i = 0; i < v.rotatedOut.length; ++i) {
            assertTrue(v.rotatedOut[i] != v.leader);
            assertTrue(registry.isOracle(v.rotatedOut[i]));
            for (uint256 j = 0; j < i; ++j) {
                assertTrue(v.rotatedOut[i] != v.rotatedOut[j]);
            }
        }
        if (v.window != handler.ghostWindow()) return;
        address[] memory failed = handler.failedOverInWindow();
        for (uint256 i = 0; i < failed.length; ++i) {
            assertTrue(failed[i] != v.leader, "a failed-over leader leads again in its window");
        }
    }
}
