// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

// Goal: token conservation in SessionPayment whatever happens: the contract's COR balance equals
// deposits + stakes − withdrawals − unstakes, and equals available + escrowed + pending + stakes +
// treasury; each account keeps its own identity; each session's escrowed amount is exactly its
// open task escrows; the treasury is what was charged and not allocated plus what was slashed.
// Method: forge's invariant fuzzer calls only SessionPaymentHandler (every ledger operation, often
// with amounts that are refused); the invariants sum the handler's accounts after every call.

import {Test} from "forge-std/Test.sol";
import {CorToken} from "../src/CorToken.sol";
import {SessionPayment} from "../src/SessionPayment.sol";
import {ISessionPaymentTypes} from "../src/interfaces/ISessionPayment.sol";
import {SessionPaymentHandler} from "./handlers/SessionPaymentHandler.sol";

contract SessionPaymentInvariantTest is Test, ISessionPaymentTypes {
    CorToken internal token;
    SessionPayment internal payment;
    SessionPaymentHandler internal handler;

    function setUp() public {
        address admin = makeAddr("admin");
        token = new CorToken(admin);
        payment = new SessionPayment(admin, token);
        handler = new SessionPaymentHandler(payment, token, admin);
        vm.prank(admin);
        payment.setModules(address(handler), address(handler), address(handler));
        handler.initialize();

        bytes4[] memory selectors = new bytes4[](11);
        selectors[0] = SessionPaymentHandler.deposit.selector;
        selectors[1] = SessionPaymentHandler.withdraw.selector;
        selectors[2] = SessionPaymentHandler.escrow.selector;
        selectors[3] = SessionPaymentHandler.settle.selector;
        selectors[4] = SessionPaymentHandler.refund.selector;
        selectors[5] = SessionPaymentHandler.stake.selector;
        selectors[6] = SessionPaymentHandler.unstake.selector;
        selectors[7] = SessionPaymentHandler.withdrawNodePayment.selector;
        selectors[8] = SessionPaymentHandler.slash.selector;
        selectors[9] = SessionPaymentHandler.setShares.selector;
        selectors[10] = SessionPaymentHandler.escrow.selector; // escrows twice as often: they feed settle and refund
        targetContract(address(handler));
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    /// @dev balance = in − out = held, exactly; per-account identities; the treasury's origin.
    function invariant_TokenBalanceEqualsTheLedger() public view {
        NetworkAccount memory n = payment.getNetworkAccount();
        uint256 balance = token.balanceOf(address(payment));
        assertEq(balance, n.deposited + n.staked - n.sessionWithdrawn - n.nodeWithdrawn - n.unstaked);
        uint256 held = n.treasury;
        uint256 deposited;
        for (uint256 id = 1; id <= handler.SESSIONS(); ++id) {
            SessionAccount memory s = payment.getSessionAccount(id);
            held += s.available + s.escrowed;
            deposited += s.deposited;
            assertEq(s.deposited, s.available + s.escrowed + s.charged + s.withdrawn);
        }
        address[4] memory nodes = handler.nodes();
        uint256 staked;
        for (uint256 i = 0; i < nodes.length; ++i) {
            NodeAccount memory a = payment.getNodeAccount(nodes[i]);
            held += a.pending + a.stake;
            staked += a.staked;
            assertEq(a.staked, a.stake + a.unstaked + a.slashed);
            assertEq(a.earned, a.pending + a.withdrawn);
        }
        assertEq(balance, held);
        assertEq(deposited, n.deposited);
        assertEq(staked, n.staked);
        assertEq(n.treasury, n.charged - n.allocated + n.slashed);
    }

    /// @dev Each session's escrowed amount is exactly the sum of its open task escrows.
    function invariant_EscrowedEqualsOpenEscrows() public view {
        for (uint256 id = 1; id <= handler.SESSIONS(); ++id) {
            uint256 open;
            for (uint256 t = 0; t < handler.taskCount(id); ++t) {
                TaskEscrow memory e = payment.getTaskEscrow(id, t);
                if (e.status == EscrowStatus.Open) open += e.amount;
                if (e.status == EscrowStatus.Settled) assertLe(e.charged, e.amount);
            }
            assertEq(payment.getSessionAccount(id).escrowed, open);
        }
    }
}
