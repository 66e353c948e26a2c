using System.Text;
using System.Text.Json;
using Akka.Actor;
using MeshSecurity.Core;
using MeshSecurity.Core.Bank;
using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Execution;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using MeshSecurity.Emulator.Chains;
using MeshSecurity.Emulator.Events;
using MeshSecurity.Emulator.Hosting;
using MeshSecurity.Emulator.Protocol;
using MeshSecurity.Emulator.Wire;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeshSecurity.Emulator.Tests.Wire;

/// <summary>
/// Every message between entities goes through the mesh wire serializer (as hocon/node.conf binds it) and comes back
/// as the same bytes; none is forgotten; what reads back is what its receivers use.
/// </summary>
public sealed class MeshWireSerializerTests(MeshWireSerializerTests.NodeSystem node) : IClassFixture<MeshWireSerializerTests.NodeSystem>
{
    private readonly ActorSystem _system = node.System;

    /// <summary>One actor system configured as a node is, for the whole class.</summary>
    public sealed class NodeSystem : IDisposable
    {
        public ActorSystem System { get; } = NodeHost.Start("wire", JournalSettings.Memory, NullLoggerFactory.Instance);

        public void Dispose() => System.Dispose();
    }

    public static TheoryData<string, IMeshProtocolMember> Samples()
    {
        var data = new TheoryData<string, IMeshProtocolMember>();
        var seen = new Dictionary<Type, int>();
        foreach (var sample in WireSamples.All())
        {
            var n = seen[sample.GetType()] = seen.GetValueOrDefault(sample.GetType()) + 1;
            data.Add($"{MeshWireSerializer.Manifests[sample.GetType()]} #{n}", sample);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void A_message_is_written_by_the_mesh_wire_serializer_and_reads_back_to_the_same_bytes(string label, IMeshProtocolMember message)
    {
        var serializer = _system.Serialization.FindSerializerFor(message);
        Assert.IsType<MeshWireSerializer>(serializer);
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, message);
        Assert.StartsWith(manifest, label, StringComparison.Ordinal);
        var bytes = serializer.ToBinary(message);

        var back = _system.Serialization.Deserialize(bytes, serializer.Identifier, manifest);

        Assert.IsType(message.GetType(), back);
        Assert.Equal(Encoding.UTF8.GetString(bytes), Encoding.UTF8.GetString(serializer.ToBinary(back)));
    }

    [Fact]
    public void Every_protocol_type_of_the_emulator_has_a_manifest_and_a_sample()
    {
        var protocol = typeof(IMeshProtocolMember).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IMeshProtocolMember).IsAssignableFrom(t))
            .Select(t => t.FullName!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(protocol, MeshWireSerializer.Manifests.Keys.Select(t => t.FullName!).Order(StringComparer.Ordinal));
        Assert.Equal(protocol, WireSamples.All().Select(s => s.GetType().FullName!).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(MeshWireSerializer.Manifests.Count, MeshWireSerializer.Manifests.Values.Distinct().Count());
    }

    [Fact]
    public void An_unknown_manifest_is_refused_naming_it()
    {
        var ex = Assert.Throws<ArgumentException>(() => _system.Serialization.Deserialize("{}"u8.ToArray(), MeshWireSerializer.Id, "chain.teleport.v9"));
        Assert.Contains("\"chain.teleport.v9\"", ex.Message);
    }

    [Fact]
    public void A_contract_query_reads_back_as_json_the_contract_decodes_and_its_result_reads_typed()
    {
        var query = RoundTrip(new ChainCommand.QueryContract(WireSamples.Chain, WireSamples.Lockup, new LockupMsg.Query.Balance("alice")));
        var text = Assert.IsType<string>(query.Msg);
        Assert.Equal(new LockupMsg.Query.Balance("alice"), Core.Wire.Decode<LockupMsg.Query>(Encoding.UTF8.GetBytes(text)));

        var response = new LockupMsg.BalanceResponse(5_000, 1_663, [new LockupMsg.ClaimResponse(WireSamples.Lockup, 3_337)]);
        var answer = RoundTrip(new ChainReply.QueryResult(WireSamples.Chain, response, null));
        Assert.IsType<JsonElement>(answer.Result);
        var typed = Core.Wire.As<LockupMsg.BalanceResponse>(answer.Result);
        Assert.Equal((response.Bonded, response.Free, response.Claims.Single()), (typed.Bonded, typed.Free, typed.Claims.Single()));
        // a scenario compares the answer's wire JSON: the same as the typed answer's
        Assert.Equal(Core.Wire.ToJson(response), Core.Wire.ToJson(answer.Result!));
        Assert.Equal((Amount)42, Core.Wire.As<Amount>(RoundTrip(new ChainReply.QueryResult(WireSamples.Chain, (Amount)42, null)).Result));
    }

    [Fact]
    public void A_transaction_result_reads_back_with_its_typed_error_and_data()
    {
        var failed = RoundTrip(new EmulatorEvent.TxExecuted(WireSamples.Chain, 3, Timestamp.Zero, WireSamples.FailedTx())).Result;
        Assert.Equal(new LockupError.ClaimsLocked(250), failed.Error);
        Assert.Equal("lockup:ClaimsLocked: " + new LockupError.ClaimsLocked(250).Message, failed.Error!.ToString());

        var sent = WireSamples.InstantiateTx();
        var back = RoundTrip(new BlockEvents([new EmulatorEvent.TxExecuted(WireSamples.Chain, 3, Timestamp.Zero, sent)]));
        var result = Assert.IsType<EmulatorEvent.TxExecuted>(Assert.Single(back.Events)).Result;
        Assert.Equal(new InstantiateResult(WireSamples.Lockup), result.MsgData[0]);
        Assert.Equal(sent.MsgData.Skip(1).Select(d => $"{d?.GetType().Name} {d}"), result.MsgData.Skip(1).Select(d => $"{d?.GetType().Name} {d}"));
        Assert.Equal(sent.Events.ToArray(), result.Events.ToArray());
    }

    public static TheoryData<MeshError> Errors() =>
    [
        new StdError.NotFound("contract osmo1x"),
        new BankError.InsufficientFunds(WireSamples.Alice, new Coin("uosmo", 10), new Coin("uosmo", 3)),
        new LockupError.InsufficientBalance(),
        // a case of the generic contract base, closed over a real contract's types
        new Contract<LockupState, LockupMsg.Instantiate, LockupMsg.Execute, LockupMsg.Query>.UnsupportedEntryPoint("mesh-lockup", "sudo"),
    ];

    [Theory]
    [MemberData(nameof(Errors))]
    public void An_error_of_any_family_reads_back_with_its_kind_and_fields(MeshError error)
    {
        var back = RoundTrip(new EmulatorEvent.TxExecuted(WireSamples.Chain, 3, Timestamp.Zero,
            new TxResult("osmosis/5", error, 0, [], []))).Result.Error!;
        Assert.Equal(error.ToString(), back.ToString());
        Assert.Equal(error.GetType().Name, back.GetType().Name);
    }

    [Fact]
    public void Every_error_case_of_core_has_a_wire_name()
    {
        var cases = typeof(MeshError).Assembly.GetTypes()
            .Where(t => t is { IsSealed: true, ContainsGenericParameters: false } && typeof(MeshError).IsAssignableFrom(t)).ToList();
        Assert.NotEmpty(cases);
        Assert.All(cases, t => Assert.Contains(t, MeshErrorConverter.Cases.Values));
    }

    [Fact]
    public void A_transaction_relayed_to_another_node_executes_its_contract_message_as_json()
    {
        var submit = RoundTrip(new ChainCommand.SubmitTx(WireSamples.Chain,
            Tx.Of(WireSamples.Alice, new CosmosMsg.WasmExecute(WireSamples.Lockup, new LockupMsg.Execute.Unbond(250), Coins.Empty)),
            Timestamp.Zero, "network", "k"));
        var execute = Assert.IsType<CosmosMsg.WasmExecute>(Assert.Single(submit.Tx.Msgs));
        Assert.Equal(new LockupMsg.Execute.Unbond(250), Core.Wire.Decode<LockupMsg.Execute>(Encoding.UTF8.GetBytes((string)execute.Msg)));
    }

    private T RoundTrip<T>(T message) where T : notnull
    {
        var serializer = (MeshWireSerializer)_system.Serialization.FindSerializerFor(message);
        return (T)serializer.FromBinary(serializer.ToBinary(message), serializer.Manifest(message));
    }
}
