using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Testing;
using MeshSecurity.Core.Tests.Support;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Tests.Execution;

/// <summary>One chain ("a-1", prefix "a", denom "ua") with MockApp and ScriptApp stored, alice funded, bob empty.</summary>
internal sealed class OneChain
{
    public const string Denom = "ua";
    public const ulong AliceFunds = 1_000_000;

    public OneChain(params IContractCode[] extraCodes)
    {
        Chain = Coord.AddChain(new ChainConfig { ChainId = "a-1", AddressPrefix = "a", BondDenom = Denom },
            new CodeRegistry([new MockApp(), new ScriptApp(), .. extraCodes]),
            [new GenesisAccount(Alice, Coins.Of(Denom, AliceFunds))],
            [new GenesisValidator("v1", 100)]);
    }

    public Coordinator Coord { get; } = new();
    public ChainApp Chain { get; }
    public Addr Alice { get; } = Addr.Derive("a", "alice");
    public Addr Bob { get; } = Addr.Derive("a", "bob");

    public static Coins Ua(ulong amount) => Coins.Of(Denom, amount);

    public Addr Instantiate(string code, object init, ulong funds = 0, string label = "app")
    {
        var r = Coord.MustExecute(Chain, Alice, new CosmosMsg.WasmInstantiate(code, init, Ua(funds), label, null));
        return ((InstantiateResult)r.MsgData[0]!).ContractAddress;
    }

    public Addr Mock(ulong funds = 0) => Instantiate(MockApp.Code, new MockApp.Init(0), funds, "mock");

    public Addr Script(ulong funds = 0) => Instantiate(ScriptApp.Code, new ScriptApp.Init(0), funds, "script");

    public static CosmosMsg Exec(Addr contract, object msg, ulong funds = 0) => new CosmosMsg.WasmExecute(contract, msg, Ua(funds));

    /// <summary>MockApp's Dispatch: the contract sends <paramref name="msg"/> as a sub-message.</summary>
    public static CosmosMsg Dispatch(Addr contract, CosmosMsg msg, ReplyOn replyOn, ulong id) =>
        Exec(contract, new MockApp.Exec.Dispatch(msg, replyOn, id));

    public TxResult Execute(Addr signer, params CosmosMsg[] msgs) => Coord.Execute(Chain, signer, msgs);

    public TxResult Execute(params CosmosMsg[] msgs) => Coord.Execute(Chain, Alice, msgs);

    public MockApp.State MockState(Addr contract) => Chain.Query<MockApp.State>(contract, new MockApp.Ask());

    public ScriptApp.State ScriptState(Addr contract) => Chain.Query<ScriptApp.State>(contract, new ScriptApp.Ask());

    public Amount Balance(Addr address) => Chain.Balance(address, Denom);
}
