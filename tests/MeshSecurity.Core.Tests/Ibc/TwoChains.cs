using System.Text;
using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Testing;
using MeshSecurity.Core.Tests.Support;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using Path = MeshSecurity.Core.Testing.Path;

namespace MeshSecurity.Core.Tests.IbcModule;

/// <summary>
/// Two chains, "a-1" and "b-1", each with a MockApp bound to its own port, and helpers to open a path between the
/// two apps, send packets from A's app and submit relayer messages by hand.
/// </summary>
internal sealed class TwoChains
{
    public TwoChains()
    {
        var codes = new CodeRegistry([new MockApp()]);
        A = Coord.AddChain(new ChainConfig { ChainId = "a-1", AddressPrefix = "a", BondDenom = "ua" }, codes,
            [new GenesisAccount(Alice, Coins.Of("ua", 1_000_000))], [new GenesisValidator("v1", 100)]);
        B = Coord.AddChain(new ChainConfig { ChainId = "b-1", AddressPrefix = "b", BondDenom = "ub" }, codes,
            [new GenesisAccount(Bob, Coins.Of("ub", 1_000_000))], [new GenesisValidator("v1", 100)]);
        AppA = Instantiate(A, Alice);
        AppB = Instantiate(B, Bob);
    }

    public Coordinator Coord { get; } = new();
    public ChainApp A { get; }
    public ChainApp B { get; }
    public Addr Alice { get; } = Addr.Derive("a", "alice");
    public Addr Bob { get; } = Addr.Derive("b", "bob");
    public Addr AppA { get; }
    public Addr AppB { get; }

    private Addr Instantiate(ChainApp chain, Addr signer)
    {
        var r = Coord.MustExecute(chain, signer, new CosmosMsg.WasmInstantiate(MockApp.Code, new MockApp.Init(0), Coins.Empty, "mock", null));
        return ((InstantiateResult)r.MsgData[0]!).ContractAddress;
    }

    /// <summary>A path between the two apps with an open connection; the channel is not opened yet.</summary>
    public Path NewPath(string version = "v1", IbcOrder order = IbcOrder.Unordered) =>
        Coord.NewPath(A, WasmState.PortOf(AppA), B, WasmState.PortOf(AppB), version, order);

    public Path OpenPath(IbcOrder order = IbcOrder.Unordered)
    {
        var path = NewPath(order: order);
        path.OpenChannel();
        return path;
    }

    /// <summary>A's app sends <paramref name="data"/> on the path; returns the packet as the send_packet event carries it.</summary>
    public IbcPacket Send(Path path, string data, ulong timeoutSeconds = 600)
    {
        var r = Coord.MustExecute(A, Alice, new CosmosMsg.WasmExecute(AppA, new MockApp.Exec.Send(path.A.ChannelId, data, timeoutSeconds), Coins.Empty));
        return IbcEvents.ToPacket(r.Events.Single(e => e.Type == IbcEvents.SendPacket));
    }

    public TxResult Relay(ChainApp chain, IbcRelayMsg msg) =>
        Coord.Execute(chain, Addr.Derive(chain.State.Prefix, "relayer"), new CosmosMsg.Relay(msg));

    /// <summary>The height <paramref name="e"/>'s light client of the counterparty has reached.</summary>
    public static ulong ClientHeight(Endpoint e) => e.Chain.State.Ibc.Clients[e.ClientId].LatestHeight;

    public IbcRelayMsg.RecvPacket Recv(Path path, IbcPacket p) => new(p, ClientHeight(path.B), path.B.Relayer);

    /// <summary>Lets B pass <paramref name="seconds"/> of time in one block.</summary>
    public void AdvanceB(ulong seconds)
    {
        Coord.IncrementTime(seconds);
        Coord.CommitBlock(B);
    }

    public MockApp.State StateA => A.Query<MockApp.State>(AppA, new MockApp.Ask());
    public MockApp.State StateB => B.Query<MockApp.State>(AppB, new MockApp.Ask());

    public static Acknowledgement AckOn(Endpoint e, ulong sequence) =>
        Acknowledgement.FromBytes(e.Chain.State.Ibc.Acknowledgement(e.PortId, e.ChannelId, sequence)
                                  ?? throw new InvalidOperationException($"no ack for {sequence} on {e.Chain.ChainId}"));

    public static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
