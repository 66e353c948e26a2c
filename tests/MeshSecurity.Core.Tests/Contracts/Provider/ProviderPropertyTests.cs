using MeshSecurity.Core.Tests.Support;
using CsCheck;
using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Invariants;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using static MeshSecurity.Core.Tests.Contracts.Provider.ProviderFixture;

namespace MeshSecurity.Core.Tests.Contracts.Provider;

/// <summary>
/// Random stakes, unstakes, relays (success, error, timeout), slashes, cuts and unbonds, against a model of the lockup's
/// claim and the consumer's record: P4 (claim = exposure) always, and the consumer agrees with the stake query whenever
/// no packet is in flight.
/// </summary>
public sealed class ProviderPropertyTests
{
    private static readonly Addr[] Owners = [Alice, Bob];
    private static readonly string[] Validators = [V1, V2];

    private static readonly Gen<(int Op, int Who, int Pick, ulong Amount)> Action =
        Gen.Select(Gen.Int[0, 6], Gen.Int[0, 1], Gen.Int[0, 9], Gen.ULong[1, 400]);

    [Fact]
    public void The_lockup_claim_equals_the_exposure_and_the_consumer_agrees_when_quiet()
    {
        Action.Array[1, 50].SampleSeeded(actions =>
        {
            var m = new Model();
            foreach (var action in actions)
            {
                m.Apply(action);
                foreach (var owner in Owners) Assert.Equal(m.Claim(owner), m.Exposure(owner));
            }
            m.DrainAll();
            foreach (var v in Validators) Assert.Equal(m.Consumer(v), m.P.Stake(v).Tokens);
        }, iter: 200);
    }

    private sealed class Model
    {
        public ProviderFixture P { get; } = new();
        private readonly Dictionary<Addr, Amount> _claims = [];
        private readonly Dictionary<string, Amount> _consumer = [];
        private readonly List<IbcPacket> _inFlight = [];

        public Amount Claim(Addr owner) => _claims.GetValueOrDefault(owner, Amount.Zero);
        public Amount Consumer(string v) => _consumer.GetValueOrDefault(v, Amount.Zero);

        public Amount Exposure(Addr owner) => new ProviderAccountView(owner, P.Account(owner)).Exposure;

        public void Apply((int Op, int Who, int Pick, ulong Amount) a)
        {
            var owner = Owners[a.Who];
            var v = Validators[a.Pick % 2];
            switch (a.Op)
            {
                case 0:
                    if (Run(LockupAddr, new ProviderMsg.Execute.ReceiveClaim(owner.Value, a.Amount, v))) _claims[owner] = Claim(owner) + a.Amount;
                    break;
                case 1: Run(owner, new ProviderMsg.Execute.Unstake(a.Amount, v)); break;
                case 2: case 3: Relay(a.Pick); break;
                case 4: Run(SlasherAddr, new ProviderMsg.Execute.Slash(v, Dec.Percent((ulong)(a.Pick * 10 + 5)), false, P.H.Time.MinusSeconds(a.Amount))); break;
                case 5:
                    var cut = Amount.Min(Claim(owner), a.Amount);
                    if (!cut.IsZero && Run(LockupAddr, new ProviderMsg.Execute.CutStake(owner.Value, cut))) _claims[owner] = Claim(owner) - cut;
                    break;
                default:
                    P.SkipTime(a.Amount * 3);
                    Run(owner, new ProviderMsg.Execute.Unbond());
                    break;
            }
        }

        public void DrainAll()
        {
            for (var guard = 0; _inFlight.Count > 0 && guard < 1000; guard++) Relay(0);
        }

        /// <summary>Resolves the oldest in-flight packet: success, error ack or timeout by <paramref name="pick"/>; a Burn is never refused.</summary>
        private void Relay(int pick)
        {
            if (_inFlight.Count == 0) return;
            var packet = _inFlight[0];
            _inFlight.RemoveAt(0);
            var sent = Decode(packet);
            var outcome = pick % 3;
            if (sent is ProviderPacket.Burn && outcome == 1) outcome = 0;
            if (outcome == 0)
            {
                object ack = sent switch
                {
                    ProviderPacket.Stake s => Deliver(s.Validator, s.Amount, +1, new ProviderPacketAck.Stake()),
                    ProviderPacket.Unstake u => Deliver(u.Validator, u.Amount, -1, new ProviderPacketAck.Unstake()),
                    ProviderPacket.Burn b => Deliver(b.Validator, b.Amount, -1, new ProviderPacketAck.Burn()),
                    _ => new ProviderPacketAck.ListValidators([]),
                };
                Observe(P.H.Ok(new ContractCall.PacketAck(packet, Acknowledgement.Success(ack), Relayer)));
            }
            else if (outcome == 1) Observe(P.AckError(packet));
            else Observe(P.Timeout(packet));
        }

        private object Deliver(string v, Amount amount, int sign, object ack)
        {
            _consumer[v] = sign > 0 ? Consumer(v) + amount : Consumer(v) - amount;
            return ack;
        }

        private bool Run(Addr sender, ProviderMsg.Execute msg)
        {
            var outcome = new ProviderContract().Run(P.H.State, new ContractCall.Execute(MessageInfo.From(sender), msg), P.H.Context);
            // a refusal is a valid answer to a random action; a panic never is
            if (outcome is ContractOutcome.Failed f && MeshInvariants.IsPanic(f.Error))
                Assert.Fail($"{MeshInvariants.NoPanic}: {msg}: {f.Error}");
            if (outcome is not ContractOutcome.Ok) return false;
            Observe(P.H.Ok(new ContractCall.Execute(MessageInfo.From(sender), msg)));
            return true;
        }

        /// <summary>Applies what the provider tells the lockup, and queues the packets it sends.</summary>
        private void Observe(Response r)
        {
            _inFlight.AddRange(P.Sent(r));
            foreach (var msg in r.Messages.Select(x => x.Msg).OfType<CosmosMsg.WasmExecute>())
            {
                switch (msg.Msg)
                {
                    case LockupMsg.Execute.ReleaseClaim c: Lower(c.Owner, c.Amount); break;
                    case LockupMsg.Execute.SlashClaim c: Lower(c.Owner, c.Amount); break;
                    case LockupMsg.Execute.SlashClaims cs: foreach (var c in cs.Slashes) Lower(c.Owner, c.Amount); break;
                }
            }
        }

        private void Lower(string owner, Amount amount) => _claims[new Addr(owner)] = _claims[new Addr(owner)] - amount;
    }
}
