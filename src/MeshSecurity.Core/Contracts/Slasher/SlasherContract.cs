using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Contracts.Slasher;

/// <summary>
/// mesh-slasher: checks double-sign evidence from the consumer chain against the provider chain's light client of it,
/// and slashes the validator on the provider that instantiated it (the seed's submit_evidence was unimplemented).
/// </summary>
public sealed class SlasherContract : Contract<SlasherState, SlasherMsg.Instantiate, SlasherMsg.Execute, SlasherMsg.Query>
{
    public const string Code = "mesh-slasher";

    /// <summary>The SDK's double-sign slash fraction, used when the instantiate message gives none.</summary>
    public static readonly Dec DefaultDoubleSignFraction = Dec.Percent(5);

    public override string CodeId => Code;

    /// <summary>The sender (the provider) becomes the slashee.</summary>
    protected override (SlasherState State, Response Response) Instantiate(ContractContext ctx, MessageInfo info, SlasherMsg.Instantiate msg)
    {
        var config = new SlasherState.Settings(
            ctx.Validate(msg.Owner), info.Sender, msg.ConnectionId, msg.UnbondingPeriod, msg.DoubleSignFraction ?? DefaultDoubleSignFraction);
        var response = Response.WithAttribute(SlasherEvents.ActionKey, SlasherEvents.Instantiate)
            .AddAttribute(SlasherEvents.OwnerKey, config.Owner.Value)
            .AddAttribute(SlasherEvents.SlasheeKey, config.Slashee.Value);
        return (SlasherState.Create(config), response);
    }

    protected override (SlasherState State, Response Response) Execute(ContractContext ctx, MessageInfo info, SlasherState state, SlasherMsg.Execute msg) =>
        msg switch
        {
            SlasherMsg.Execute.SubmitEvidence m => SubmitEvidence(ctx, info, state, m.Evidence),
            SlasherMsg.Execute.Slash m => Slash(ctx, info, state, m),
            _ => throw new StdError.Generic($"unknown execute message {msg.GetType().Name}").Raise(),
        };

    /// <summary>
    /// Anyone may submit. Both headers: the light client's chain, one height, one validator, different app hashes, each
    /// signature valid under the validator's key as the light client knows it. Refused when the (validator, height) was
    /// already processed or the evidence is older than the unbonding period (judged by the later header's time, so a
    /// back-dated header cannot age the evidence out). The slash is a plain message: if the provider refuses it, the
    /// submission fails and can be retried. Infraction time = the earlier header's time.
    /// </summary>
    private static (SlasherState, Response) SubmitEvidence(ContractContext ctx, MessageInfo info, SlasherState state, SlasherMsg.DoubleSignEvidence evidence)
    {
        info.Funds.MustBeEmpty();
        var (a, b) = (evidence.HeaderA, evidence.HeaderB);
        var client = ctx.Querier.ClientOfConnection(state.Config.ConnectionId)
                     ?? throw new SlasherError.NoLightClient(state.Config.ConnectionId).Raise();
        foreach (var h in new[] { a, b })
            if (h.ChainId != client.CounterpartyChainId) throw new SlasherError.WrongChain(client.CounterpartyChainId, h.ChainId).Raise();
        if (a.Height != b.Height) throw new SlasherError.DifferentHeights(a.Height, b.Height).Raise();
        if (a.Validator != b.Validator) throw new SlasherError.DifferentValidators(a.Validator, b.Validator).Raise();
        if (a.AppHash == b.AppHash) throw new SlasherError.SameAppHash().Raise();
        var key = client.ValidatorKeys.GetValueOrDefault(a.Validator) ?? throw new SlasherError.UnknownValidatorKey(a.Validator).Raise();
        if (!a.VerifyWith(key)) throw new SlasherError.InvalidSignature("header_a").Raise();
        if (!b.VerifyWith(key)) throw new SlasherError.InvalidSignature("header_b").Raise();

        var evidenceKey = new SlasherState.EvidenceKey(a.Validator, a.Height);
        if (state.Evidence.ContainsKey(evidenceKey)) throw new SlasherError.DuplicateEvidence(a.Validator, a.Height).Raise();
        // every evidence this slasher acted on tombstoned its validator (force_unbond): a later double sign is not punished
        foreach (var (k, _) in state.Evidence)
            if (k.Validator == a.Validator) throw new SlasherError.AlreadyTombstoned(a.Validator, k.Height).Raise();
        var latest = a.Time >= b.Time ? a.Time : b.Time;
        if (latest.PlusSeconds(state.Config.UnbondingPeriod) < ctx.Env.Time) throw new SlasherError.EvidenceExpired(a.Height, latest).Raise();

        var infraction = a.Time <= b.Time ? a.Time : b.Time;
        state = state with { Evidence = state.Evidence.Add(evidenceKey, new SlasherState.EvidenceRecord(infraction, info.Sender, ctx.Env.Time)) };
        var slash = new ProviderMsg.Execute.Slash(a.Validator, state.Config.DoubleSignFraction, ForceUnbond: true, InfractionTime: infraction);
        var response = Response.WithAttribute(SlasherEvents.ActionKey, SlasherEvents.SubmitEvidence)
            .AddAttribute(SlasherEvents.ValidatorKey, a.Validator)
            .AddAttribute(SlasherEvents.HeightKey, a.Height)
            .AddAttribute(SlasherEvents.FractionKey, state.Config.DoubleSignFraction)
            .AddAttribute(SlasherEvents.SubmitterKey, info.Sender.Value)
            .AddMessage(new CosmosMsg.WasmExecute(state.Config.Slashee, slash, Coins.Empty));
        return (state, response);
    }

    /// <summary>
    /// Only the owner: the provider's slash of the given fraction, as this contract sends it for evidence but with the
    /// owner's choice of fraction, force_unbond and infraction time (now when absent). A plain message: if the provider
    /// refuses it (a zero or too large fraction, an unknown validator), the owner's transaction fails.
    /// </summary>
    private static (SlasherState, Response) Slash(ContractContext ctx, MessageInfo info, SlasherState state, SlasherMsg.Execute.Slash m)
    {
        info.Funds.MustBeEmpty();
        if (info.Sender != state.Config.Owner) throw new SlasherError.Unauthorized().Raise();
        var slash = new ProviderMsg.Execute.Slash(m.Validator, m.Percentage, m.ForceUnbond, m.InfractionTime ?? ctx.Env.Time);
        var response = Response.WithAttribute(SlasherEvents.ActionKey, SlasherEvents.Slash)
            .AddAttribute(SlasherEvents.ValidatorKey, m.Validator)
            .AddAttribute(SlasherEvents.FractionKey, m.Percentage)
            .AddAttribute(SlasherEvents.ForceUnbondKey, m.ForceUnbond)
            .AddMessage(new CosmosMsg.WasmExecute(state.Config.Slashee, slash, Coins.Empty));
        return (state, response);
    }

    protected override object Query(ContractContext ctx, SlasherState state, SlasherMsg.Query msg) => msg switch
    {
        SlasherMsg.Query.Config => new SlasherMsg.ConfigResponse(
            state.Config.Owner, state.Config.Slashee, state.Config.ConnectionId, state.Config.UnbondingPeriod, state.Config.DoubleSignFraction),
        SlasherMsg.Query.Evidence => new SlasherMsg.EvidenceListResponse([
            .. state.Evidence.Select(kv => new SlasherMsg.EvidenceResponse(
                kv.Key.Validator, kv.Key.Height, kv.Value.InfractionTime, kv.Value.Submitter, kv.Value.SubmittedAt))]),
        _ => throw new StdError.Generic($"unknown query {msg.GetType().Name}").Raise(),
    };
}
