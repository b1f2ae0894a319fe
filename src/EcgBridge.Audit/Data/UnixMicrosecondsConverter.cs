using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace EcgBridge.Audit.Data;

/// <summary>Stores a <see cref="DateTimeOffset"/> as integer microseconds since 1970-01-01T00:00Z (SQLite).</summary>
public sealed class UnixMicrosecondsConverter : ValueConverter<DateTimeOffset, long>
{
    private const long EpochTicks = 621355968000000000L;

    public UnixMicrosecondsConverter()
        : base(v => (v.UtcTicks - EpochTicks) / 10, v => new DateTimeOffset(EpochTicks + (v * 10), TimeSpan.Zero))
    {
    }
}
