// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

// Goal: COR is a standard 18-decimal ERC-20 whose owner, and only its owner, can mint.
// Method: unit tests of metadata, minting and its access control, and a fuzz test that minting
// then transferring conserves the supply.

import {Test} from "forge-std/Test.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {CorToken} from "../src/CorToken.sol";

contract CorTokenTest is Test {
    CorToken internal token;
    address internal owner = makeAddr("owner");
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");

    function setUp() public {
        token = new CorToken(owner);
    }

    function test_Metadata() public view {
        assertEq(token.name(), "Cortensor");
        assertEq(token.symbol(), "COR");
        assertEq(token.decimals(), 18);
        assertEq(token.totalSupply(), 0);
        assertEq(token.owner(), owner);
    }

    function test_Mint_CreditsTheReceiverAndEmitsTransfer() public {
        vm.expectEmit(address(token));
        emit IERC20.Transfer(address(0), alice, 5e18);
        vm.prank(owner);
        token.mint(alice, 5e18);
        assertEq(token.balanceOf(alice), 5e18);
        assertEq(token.totalSupply(), 5e18);
    }

    function test_RevertWhen_MintCallerIsNotTheOwner() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, alice));
        token.mint(alice, 1);
    }

    function test_RevertWhen_MintReceiverIsTheZeroAddress() public {
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, address(0)));
        token.mint(address(0), 1);
    }

    function testFuzz_MintThenTransfer_ConservesTheSupply(uint256 minted, uint256 sent) public {
        minted = bound(minted, 0, type(uint128).max);
        sent = bound(sent, 0, minted);
        vm.prank(owner);
        token.mint(alice, minted);
        vm.prank(alice);
        assertTrue(token.transfer(bob, sent));
        assertEq(token.balanceOf(alice) + token.balanceOf(bob), token.totalSupply());
        assertEq(token.balanceOf(bob), sent);
    }
}
