using System.Collections.Immutable;
using CsCheck;
using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Staking;
using MeshSecurity.Core.Tests.Staking;
using MeshSecurity.Core.Tests.Support;
using MeshSecurity.Core.Types;
using static MeshSecurity.Core.Tests.Staking.StakingHarness;

namespace MeshSecurity.Core.Tests.State;

/// <summary>
/// The validators, EndBlock's sets, the signing info, and IBC's clients, connections, identifier counters and settled
/// marks as stores on one chain's undo log (docs/decisions/0014-mutable-stores-with-an-undo-log.md, session 23), driven
/// by random delegations, jails, unjails, missed blocks, end blocks, client creations, updates and freezes and
/// connection handshake steps (some refused) inside nested scopes that commit or roll back. The reference model is the
/// immutable copy of every store taken after each operation that succeeded: a refused operation and a rolled-back scope
/// must leave the stores equal to the model of their start, and the chain's committed copy must equal the model as of
/// the last outermost commit. What each operation writes is pinned elsewhere (StakingEndBlockPropertyTests, the IBC
/// tests); here, that every write of these stores is on the log and every copy is detached.
/// </summary>
public sealed class ChainStoresUndoPropertyTests
{
    private enum Op
    {
        Delegate, Undelegate, Jail, Unjail, Miss, EndBlock, CreateClient, UpdateClient, FreezeClient, OpenConnection, Advance,
        Open, Commit, Rollback,
    }

    private static readonly Addr[] Operators = [ValA, ValB];
    private static readonly Addr[] Delegators = [Alice, Bob, Carol];

    private static readonly Gen<(Op Op, int Who, ulong Amount)> Step = Gen.Select(
        Gen.Frequency((4, Gen.Const(Op.Delegate)), (2, Gen.Const(Op.Undelegate)), (1, Gen.Const(Op.Jail)), (1, Gen.Const(Op.Unjail)),
            (1, Gen.Const(Op.Miss)), (3, Gen.Const(Op.EndBlock)), (1, Gen.Const(Op.CreateClient)), (4, Gen.Const(Op.UpdateClient)),
            (1, Gen.Const(Op.FreezeClient)), (2, Gen.Const(Op.OpenConnection)), (2, Gen.Const(Op.Advance)), (3, Gen.Const(Op.Open)),
            (3, Gen.Const(Op.Commit)), (3, Gen.Const(Op.Rollback))),
        Gen.Int[0, 2], Gen.ULong[1, 300]);

    [Fact]
    public void The_staking_and_ibc_stores_equal_the_immutable_model_after_any_operations_in_nested_scopes()
    {
        var seen = new int[14];
        var refused = 0;
        Step.Array[1, 60].SampleSeeded(steps =>
        {
            var h = new StakingHarness(DefaultConfig with { MaxValidators = 1 });
            h.CreateValidator(ValA, Alice, 100);
            h.CreateValidator(ValB, Bob, 80);
            h.EndBlock();
            h.State.Undo.Commit();
            var log = h.State.Undo;
            var scopes = new ModelScopes<Stores>(log, Stores.Of(h.State));
            var counterpartyHeight = 10UL;
            foreach (var (op, who, amount) in steps)
            {
                seen[(int)op]++;
                switch (op)
                {
                    case Op.Open:
                        scopes.Open();
                        break;
                    case Op.Commit:
                        scopes.Commit();
                        break;
                    case Op.Rollback:
                        scopes.Rollback();
                        break;
                    default:
                        // every operation runs in a scope of its own, as a transaction does: a refusal rolls it back
                        var savepoint = log.Savepoint();
                        try
                        {
                            if (op == Op.UpdateClient) counterpartyHeight += amount % 3;
                            h.State = Apply(h.State, op, who, amount, counterpartyHeight);
                            scopes.Model = Stores.Of(h.State);
                        }
                        catch (MeshException)
                        {
                            refused++;
                            log.RollbackTo(savepoint);
                        }
                        scopes.AfterWrite();
                        break;
                }
                scopes.Model.AssertEqual(Stores.Of(h.State));
                scopes.Committed.AssertEqual(Stores.Of(h.State.CommittedCopy()));
            }
        }, iter: 400);
        Assert.All(seen, n => Assert.True(n > 0));
        Assert.True(refused > 0, "no operation was refused");
    }

    private static readonly Timestamp Genesis = DefaultConfig.GenesisTime;

    private static ClientHeader Header(ulong height, int who) => new("counterparty-1", height, Genesis.PlusSeconds(height),
        ImmutableSortedDictionary.Create<string, byte[]>(StringComparer.Ordinal).Add("val-" + who, [(byte)who]));

    private static ChainState Apply(ChainState s, Op op, int who, ulong amount, ulong height)
    {
        var events = new List<Event>();
        var (ibc, client, connection) = (s.Ibc, $"07-tendermint-{amount % 3}", $"connection-{amount % 3}");
        switch (op)
        {
            case Op.Delegate:
                return s.Delegate(Delegators[who], Operators[who % 2], amount, events);
            case Op.Undelegate:
                return s.Undelegate(Delegators[who], Operators[who % 2], amount, events).Item1;
            case Op.Jail:
                return s.Jail(Operators[who % 2], s.Time.PlusSeconds(amount % 20), events);
            case Op.Unjail:
                return s.Unjail(Operators[who % 2], events);
            case Op.Miss:
                return s.WithHeight(s.Height + 1).HandleSignatures(new HashSet<Addr> { Operators[who % 2] }, events);
            case Op.EndBlock:
                return s.EndBlock(events).State;
            case Op.CreateClient:
                Assert.Same(ibc, ibc.CreateClient(Header(height, who), 1_000_000, 600).State);
                return s;
            case Op.UpdateClient:
                Assert.Same(ibc, ibc.UpdateClient(client, Header(height, who), s.Time, amount % 5 == 0));
                return s;
            case Op.FreezeClient:
                Assert.Same(ibc, ibc.FreezeClient(client));
                return s;
            case Op.OpenConnection:
                Assert.Same(ibc, ibc.OpenConnection(client, "07-tendermint-9", null, ConnectionState.Init).State);
                return s;
            default:
                Assert.Same(ibc, ibc.AdvanceConnection(connection, ConnectionState.Init, "connection-9"));
                return s;
        }
    }

    /// <summary>The stores under test as immutable copies.</summary>
    private sealed record Stores(
        ImmutableSortedDictionary<Addr, Validator> Validators,
        ImmutableSortedDictionary<Addr, ulong> Powers,
        ImmutableSortedSet<Addr> Jailed,
        ImmutableSortedDictionary<Addr, ImmutableList<ulong>> Missed,
        ImmutableSortedDictionary<string, LightClient> Clients,
        ImmutableSortedDictionary<string, ConnectionEnd> Connections,
        ImmutableSortedDictionary<(string Port, string Channel), ulong> Settled,
        (ulong Client, ulong Connection, ulong Channel) Sequences)
    {
        public static Stores Of(ChainState s) => new(
            s.Staking.Validators.ToImmutable(), s.Staking.LastValidatorPowers, s.Staking.LastJailed, s.Staking.MissedBlocks.ToImmutable(),
            s.Ibc.Clients.ToImmutable(), s.Ibc.Connections.ToImmutable(), s.Ibc.SettledMarks.ToImmutable(),
            (s.Ibc.NextClientSeq, s.Ibc.NextConnectionSeq, s.Ibc.NextChannelSeq));

        public void AssertEqual(Stores actual)
        {
            Assert.Equal(Validators, actual.Validators);
            Assert.Equal(Powers, actual.Powers);
            Assert.Equal(Jailed, actual.Jailed);
            Assert.Equal(Missed, actual.Missed);
            Assert.Equal(Clients, actual.Clients);
            Assert.Equal(Connections, actual.Connections);
            Assert.Equal(Settled, actual.Settled);
            Assert.Equal(Sequences, actual.Sequences);
        }
    }
}
