namespace MeshSecurity.Emulator.Tests;

/// <summary>
/// A fact that needs a PostgreSQL server: skipped, with the reason shown, when MESHSEC_TEST_POSTGRES (an Npgsql
/// connection string; .ci/run starts a server and sets it) is not set.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public const string Variable = "MESHSEC_TEST_POSTGRES";

    public PostgresFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
            Skip = $"not run: {Variable} is not set (an Npgsql connection string to a PostgreSQL 15+ database; .ci/run starts one and sets it)";
    }

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable);
}
