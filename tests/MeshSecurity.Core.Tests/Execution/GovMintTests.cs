using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Tests.Execution;

/// <summary>Governance mints coins of any denom to any address (an account or a contract), counted as minted.</summary>
public sealed class GovMintTests
{
    [Fact]
    public void Governance_mints_to_an_account_and_to_a_contract_in_any_denom()
    {
        var one = new OneChain();
        var contract = one.Mock();
        var gov = ModuleAccounts.Gov("a");
        var before = one.Chain.State.Bank.SupplyOf(OneChain.Denom);

        var r = one.Execute(gov, new CosmosMsg.GovMint(one.Bob, Coins.Of(OneChain.Denom, 250)),
            new CosmosMsg.GovMint(contract, Coins.Of("ibc/XYZ", 7)));

        Assert.True(r.IsSuccess, r.Error?.ToString());
        Assert.Equal((Math.Amount)250, one.Balance(one.Bob));
        Assert.Equal((Math.Amount)7, one.Chain.Balance(contract, "ibc/XYZ"));
        Assert.Equal(before + 250, one.Chain.State.Bank.SupplyOf(OneChain.Denom));
        Assert.Empty(one.Chain.State.Bank.CheckConservation());
        Assert.Equal(["250ua", "7ibc/XYZ"], r.Events.Where(e => e.Type == "mint").Select(e => e.Get("amount")!));
    }

    [Fact]
    public void Anyone_but_governance_is_refused_and_nothing_is_minted()
    {
        var one = new OneChain();
        var before = one.Chain.State.Bank.SupplyOf(OneChain.Denom);
        var r = one.Execute(one.Alice, new CosmosMsg.GovMint(one.Alice, Coins.Of(OneChain.Denom, 1)));
        Assert.Contains("only governance may mint", Assert.IsType<StdError.Generic>(r.Error).Message);
        Assert.Equal(before, one.Chain.State.Bank.SupplyOf(OneChain.Denom));
    }
}
