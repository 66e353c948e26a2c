using System.Collections.Immutable;
using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Contracts.Slasher;
using MeshSecurity.Core.Crypto;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Tests.Support;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Tests.Contracts.Slasher;

/// <summary>A mesh-slasher instantiated by a provider, with a light client of the consumer chain that knows two validators' keys.</summary>
internal sealed class SlasherFixture
{
    public static readonly Addr Self = Addr.Derive("test", "mesh-slasher");
    public static readonly Addr ProviderAddr = Addr.Derive("test", "mesh-provider");
    public static readonly Addr Owner = Addr.Derive("test", "deployer");
    public static readonly Addr Reporter = Addr.Derive("test", "reporter");
    public const string Connection = "connection-1";
    public const string ConsumerChain = "juno-1";
    public const string V1 = "junovaloper1alpha";
    public const string V2 = "junovaloper1beta";
    public const ulong UnbondingPeriod = 1000;

    public static readonly ConsensusKey Key1 = ConsensusKey.FromSeed("validator-1");
    public static readonly ConsensusKey Key2 = ConsensusKey.FromSeed("validator-2");

    public ContractHarness H { get; }

    public SlasherFixture(Dec? fraction = null, bool withClient = true)
    {
        H = new ContractHarness(new SlasherContract(), Self);
        if (withClient)
        {
            var keys = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal,
                [new KeyValuePair<string, byte[]>(V1, Key1.PublicKey), new KeyValuePair<string, byte[]>(V2, Key2.PublicKey)]);
            H.Querier.Clients[Connection] = new LightClientInfo("07-tendermint-0", ConsumerChain, 50, H.Time, keys);
        }
        H.Instantiate(ProviderAddr, new SlasherMsg.Instantiate(Owner.Value, Connection, UnbondingPeriod, fraction));
    }

    public SignedHeader Header(string appHash, ulong height = 40, string validator = V1, ConsensusKey? key = null, string chain = ConsumerChain, Timestamp? time = null) =>
        SignedHeader.Create(chain, height, time ?? H.Time.MinusSeconds(60), appHash, validator, key ?? Key1);

    public static SlasherMsg.Execute.SubmitEvidence Evidence(SignedHeader a, SignedHeader b) => new(new SlasherMsg.DoubleSignEvidence(a, b));

    public Response Submit(SignedHeader a, SignedHeader b) => H.Execute(Reporter, Evidence(a, b));

    public MeshError SubmitFails(SignedHeader a, SignedHeader b) => H.ExecuteFails(Reporter, Evidence(a, b));
}
