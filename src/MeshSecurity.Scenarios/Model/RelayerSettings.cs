namespace MeshSecurity.Scenarios.Model;

/// <summary>
/// The relayer of a link (it carries both the mesh channel and the ICS-20 channel): its latency and batch size, and the
/// max clock drift of the light clients it creates (null: the default). The file's <c>relayer.min-latency</c> is the
/// latency's floor (<see cref="LatencySpec.Floor"/>).
/// </summary>
public sealed record RelayerSettings(LatencySpec Latency, int BatchSize, Duration? MaxClockDrift = null)
{
    public const int DefaultBatchSize = 30;

    public static readonly RelayerSettings Default = new(LatencySpec.Default, DefaultBatchSize);
}
