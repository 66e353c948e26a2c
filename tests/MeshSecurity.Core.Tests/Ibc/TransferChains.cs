using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Ibc.Transfer;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Testing;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using Path = MeshSecurity.Core.Testing.Path;

namespace MeshSecurity.Core.Tests.IbcModule;

/// <summary>
/// Three chains for ICS-20: A ("ua", alice), B ("ub", bob), C ("uc", carol). A decoy transfer channel A–C is opened
/// first, so A's end of the A–B channel is "channel-1" while B's is "channel-0": a module that mixed up source and
/// destination ids would be caught.
/// </summary>
internal sealed class TransferChains
{
    public const ulong Funds = 1_000_000;

    /// <summary>A native denom of A with slashes in it, as tokenfactory ("factory/...") and gamm ("gamm/pool/1") make them.</summary>
    public const string FactoryDenom = "factory/a1creator/coin";

    public TransferChains()
    {
        var codes = new CodeRegistry([]);
        A = Chain(codes, "a", Alice, new Coin(FactoryDenom, Funds));
        B = Chain(codes, "b", Bob);
        C = Chain(codes, "c", Carol);
        Coord.NewPath(A, TransferModule.PortId, C, TransferModule.PortId, TransferModule.Version).OpenChannel();
        AB = Coord.NewPath(A, TransferModule.PortId, B, TransferModule.PortId, TransferModule.Version);
        AB.OpenChannel();
    }

    private ChainApp Chain(CodeRegistry codes, string prefix, Addr holder, params Coin[] extra) =>
        Coord.AddChain(new ChainConfig { ChainId = prefix + "-1", AddressPrefix = prefix, BondDenom = "u" + prefix }, codes,
            [new GenesisAccount(holder, Coins.Of([new Coin("u" + prefix, Funds), .. extra]))], [new GenesisValidator("v1", 100)]);

    public Coordinator Coord { get; } = new();
    public ChainApp A { get; }
    public ChainApp B { get; }
    public ChainApp C { get; }
    public Path AB { get; }
    public Addr Alice { get; } = Addr.Derive("a", "alice");
    public Addr Bob { get; } = Addr.Derive("b", "bob");
    public Addr Carol { get; } = Addr.Derive("c", "carol");

    /// <summary>The voucher "ua" becomes on B.</summary>
    public string UaOnB => TransferModule.VoucherDenom(TransferModule.PortId, AB.B.ChannelId, "ua");

    public Addr EscrowA => ModuleAccounts.TransferEscrow("a", AB.A.ChannelId);

    public IbcTimeout Soon(ulong seconds = 600) => IbcTimeout.AtTime(Coord.Now.PlusSeconds(seconds));

    public TxResult Transfer(ChainApp chain, Addr sender, string channel, Coin coin, string receiver, IbcTimeout? timeout = null) =>
        Coord.Execute(chain, sender, new CosmosMsg.IbcTransfer(channel, receiver, coin, timeout ?? Soon()));

    public TxResult AliceToBob(ulong amount, string? receiver = null, IbcTimeout? timeout = null) =>
        Transfer(A, Alice, AB.A.ChannelId, new Coin("ua", amount), receiver ?? Bob.Value, timeout);

    public TxResult BobToAlice(ulong amount, string? receiver = null, IbcTimeout? timeout = null) =>
        Transfer(B, Bob, AB.B.ChannelId, new Coin(UaOnB, amount), receiver ?? Alice.Value, timeout);

    public void AssertConserved()
    {
        Assert.Empty(A.State.Bank.CheckConservation());
        Assert.Empty(B.State.Bank.CheckConservation());
        Assert.Empty(C.State.Bank.CheckConservation());
    }

    /// <summary>Every voucher of "ua" on B is backed by a token in A's escrow for the channel.</summary>
    public void AssertBacked()
    {
        Assert.Equal(A.Balance(EscrowA, "ua"), B.State.Bank.SupplyOf(UaOnB));
        AssertConserved();
    }

    public static Amount Amt(ulong v) => v;
}
