namespace MeshSecurity.Cli.Tests.Deploy;

/// <summary>
/// A fact that needs PostgreSQL: skipped, saying why, when MESHSEC_TEST_POSTGRES (an Npgsql connection string; .ci/run
/// starts a server and sets it) is not set.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public const string Variable = "MESHSEC_TEST_POSTGRES";

    public PostgresFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
            Skip = $"not run: {Variable} is not set (a PostgreSQL 15+ server for the cluster's journal; .ci/run starts one)";
    }

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable);
}
