// SPDX-License-Identifier: MIT
// contracts/src/CorToken.sol (phase 1)
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/**
 * @title CorToken
 * @dev The COR token for devnets and tests: a plain OpenZeppelin ERC-20 (18 decimals) whose owner
 * may mint. Sessions pay and nodes stake in it (SessionPayment and staking come in later phases).
 *
 * NOTE: minting is unlimited and owner-controlled; this contract is for local chains, not for
 * a network with real value.
 */
contract CorToken is ERC20, Ownable {
    constructor(address initialOwner) ERC20("Cortensor", "COR") Ownable(initialOwner) {}

    /**
     * @notice Creates `amount` tokens (smallest unit) for `to`.
     * @dev Requirements: the caller is the owner; `to` is not the zero address
     * ({ERC20InvalidReceiver} otherwise). Emits a {Transfer} event from the zero address.
     */
    function mint(address to, uint256 amount) external onlyOwner {
        _mint(to, amount);
    }
}
