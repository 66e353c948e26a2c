using System.Collections.Immutable;
using System.Text;
using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Contracts.TestLienholder;

/// <summary>
/// A test fixture, not a mesh contract: a lien-holder that takes the lockup's claims (or refuses them all), releases and
/// slashes them when anyone tells it to, and records every call it received or made, so a test or a scenario can play
/// a lien-holder and then read what the lockup did. It accepts the lockup's messages in mesh-provider's form (typed, or
/// as JSON). Registered in <see cref="Mesh.MeshContracts.Codes"/>, though no link deploys it: a scenario's fixture does.
/// </summary>
public sealed class TestLienholderContract : Contract<TestLienholderState, TestLienholderMsg.Instantiate, object, TestLienholderMsg.Query>
{
    public const string Code = "test-lienholder";

    public override string CodeId => Code;

    protected override (TestLienholderState State, Response Response) Instantiate(
        ContractContext ctx, MessageInfo info, TestLienholderMsg.Instantiate msg) =>
        (new TestLienholderState(ctx.Validate(msg.Lockup), msg.RefuseClaims, ImmutableSortedDictionary<Addr, Amount>.Empty,
            ImmutableList<TestLienholderMsg.Call>.Empty), Response.Empty);

    protected override (TestLienholderState State, Response Response) Execute(
        ContractContext ctx, MessageInfo info, TestLienholderState state, object msg)
    {
        info.Funds.MustBeEmpty();
        switch (Parse(msg))
        {
            case TestLienholderMsg.Execute.ReceiveClaim m:
            {
                if (info.Sender != state.Lockup) throw new TestLienholderError.NotTheLockup().Raise();
                if (state.RefuseClaims) throw new TestLienholderError.ClaimRefused().Raise();
                var owner = ctx.Validate(m.Owner);
                state = state.WithClaim(owner, state.ClaimOf(owner) + m.Amount)
                    .Record(new(TestLienholderEvents.ReceiveClaim, info.Sender, m.Owner, m.Amount, m.Validator));
                return (state, Attributes(TestLienholderEvents.ReceiveClaim, m.Owner, m.Amount));
            }
            case TestLienholderMsg.Execute.CutStake m:
            {
                if (info.Sender != state.Lockup) throw new TestLienholderError.NotTheLockup().Raise();
                var owner = ctx.Validate(m.Owner);
                state = state.WithClaim(owner, state.ClaimOf(owner).SaturatingSub(m.Amount))
                    .Record(new(TestLienholderEvents.CutStake, info.Sender, m.Owner, m.Amount, null));
                return (state, Attributes(TestLienholderEvents.CutStake, m.Owner, m.Amount));
            }
            case TestLienholderMsg.Execute.Release m:
                return Return(ctx, info, state, m.Owner, m.Amount, TestLienholderEvents.Release,
                    new LockupMsg.Execute.ReleaseClaim(m.Owner, m.Amount));
            case TestLienholderMsg.Execute.Slash m:
                return Return(ctx, info, state, m.Owner, m.Amount, TestLienholderEvents.Slash,
                    new LockupMsg.Execute.SlashClaim(m.Owner, m.Amount));
            default:
                throw new StdError.Generic($"unknown execute message {msg.GetType().Name}").Raise();
        }
    }

    protected override object Query(ContractContext ctx, TestLienholderState state, TestLienholderMsg.Query msg) => msg switch
    {
        TestLienholderMsg.Query.Calls => new TestLienholderMsg.CallsResponse([.. state.Calls]),
        TestLienholderMsg.Query.Claim q => state.ClaimOf(ctx.Validate(q.Owner)),
        _ => throw new StdError.Generic($"unknown query {msg.GetType().Name}").Raise(),
    };

    /// <summary>Lowers the claim it holds and tells the lockup (release_claim or slash_claim), recording the call it makes.</summary>
    private static (TestLienholderState, Response) Return(
        ContractContext ctx, MessageInfo info, TestLienholderState state, string ownerText, Amount amount, string action,
        LockupMsg.Execute toLockup)
    {
        var owner = ctx.Validate(ownerText);
        var held = state.ClaimOf(owner);
        if (amount.IsZero || amount > held) throw new TestLienholderError.NotHeld(held, amount).Raise();
        state = state.WithClaim(owner, held - amount).Record(new(action, info.Sender, ownerText, amount, null));
        return (state, Attributes(action, ownerText, amount).AddMessage(new CosmosMsg.WasmExecute(state.Lockup, toLockup, Coins.Empty)));
    }

    /// <summary>Its own messages, and the lockup's in mesh-provider's typed form or as JSON (the same wire names).</summary>
    private static TestLienholderMsg.Execute Parse(object msg) => msg switch
    {
        TestLienholderMsg.Execute own => own,
        ProviderMsg.Execute.ReceiveClaim r => new TestLienholderMsg.Execute.ReceiveClaim(r.Owner, r.Amount, r.Validator),
        ProviderMsg.Execute.CutStake c => new TestLienholderMsg.Execute.CutStake(c.Owner, c.Amount),
        string json => Wire.Decode<TestLienholderMsg.Execute>(Encoding.UTF8.GetBytes(json)),
        byte[] json => Wire.Decode<TestLienholderMsg.Execute>(json),
        _ => throw new StdError.ParseError(nameof(TestLienholderMsg.Execute), msg.GetType().Name, $"{Code} does not accept this message")
            .Raise(),
    };

    private static Response Attributes(string action, string owner, Amount amount) =>
        Response.WithAttribute(TestLienholderEvents.ActionKey, action)
            .AddAttribute(TestLienholderEvents.OwnerKey, owner)
            .AddAttribute(TestLienholderEvents.AmountKey, amount);
}
