using System.Diagnostics;
using EcgBridge.TestSupport;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace EcgBridge.IntegrationTests.Reliability;

/// <summary>Faults on the test's own PostgreSQL and RabbitMQ (tests/reliability/faults.sh, by pid) and what they left behind.</summary>
internal static class ServiceFaults
{
    /// <summary>Runs <c>faults.sh pg-stop | pg-start | rabbit-restart</c> and waits for it.</summary>
    public static async Task RunAsync(string fault)
    {
        var start = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardError = true };
        start.ArgumentList.Add(RepositoryPaths.Combine("tests", "reliability", "faults.sh"));
        start.ArgumentList.Add(fault);
        using Process process = Process.Start(start)!;
        string errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"faults.sh {fault} failed ({process.ExitCode}): {errors}");
        }
    }

    /// <summary>Messages in a RabbitMQ queue (0 when it does not exist).</summary>
    public static async Task<uint> QueueDepthAsync(string queue)
    {
        var factory = new ConnectionFactory { Uri = new Uri(TestEnvironment.RabbitMq) };
        await using IConnection connection = await factory.CreateConnectionAsync();
        await using IChannel channel = await connection.CreateChannelAsync();
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
        }
        catch (OperationInterruptedException)
        {
            return 0;
        }
    }

    /// <summary>Runs one statement on the test server's administrative database (CREATE / DROP DATABASE).</summary>
    public static async Task AdminAsync(string sql)
    {
        await using var admin = new NpgsqlConnection(TestEnvironment.Postgres);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }
}
