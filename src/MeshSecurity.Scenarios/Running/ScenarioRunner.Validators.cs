using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Reporting;

namespace MeshSecurity.Scenarios.Running;

public sealed partial class ScenarioRunner
{
    /// <summary>
    /// `validator-state`: the provider's record of a consumer validator, now or from its history as of a scenario time
    /// (the provider's validator_state query; its history is kept at the consumer's block times).
    /// </summary>
    private async Task<RunReport.ExpectationInfo> EvaluateValidatorState(int index, Expectation.ValidatorStateOf x)
    {
        var link = Link(x.Provider, x.Consumer);
        var answer = await _net.QueryAsync<ProviderMsg.ValidatorStateResponse>(x.Provider, link.Provider,
            new ProviderMsg.Query.ValidatorState(Validator(x.Consumer, x.Validator), x.AsOf is { } asOf ? At(asOf) : null));
        var actual = answer.State?.ToString().ToLowerInvariant() ?? "unknown";
        var asOfText = x.AsOf is { } t ? $" as of {t}" : "";
        // "osmosis->juno state of jv as of 2m": what was read, as the other readings' targets say it
        var target = $"{x.Provider}->{x.Consumer} state of {x.Validator}{asOfText}";
        return x.Against is not null
            ? Compared(index, x, target, actual)
            : Judged(index, x, target, x.ExpectedState, actual, actual, actual == x.ExpectedState);
    }
}
