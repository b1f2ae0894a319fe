using System.Data.Common;
using System.Net.Sockets;

namespace EcgBridge.Messaging;

/// <summary>Which exceptions mean "the database or the broker is away for a while" rather than a bug.</summary>
internal static class TransientFaults
{
    /// <summary>True when the exception or one of its inner exceptions is a database, socket, I/O or timeout fault.</summary>
    public static bool IsOutage(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is DbException or SocketException or IOException or TimeoutException or TransientFaultException)
            {
                return true;
            }
        }

        return false;
    }
}
