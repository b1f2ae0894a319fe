using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using EcgBridge.Audit;
using EcgBridge.Host;
using EcgBridge.Host.Delivery;
using EcgBridge.Host.Mllp;
using EcgBridge.Host.Security;
using EcgBridge.Inference;
using EcgBridge.Messaging;

namespace EcgBridge.Deploy.Tests;

/// <summary>
/// The configuration the service binds, reflected from the options classes: section (from each class's
/// <c>SectionName</c>) → settable public properties. An environment key <c>EcgBridge__Audit__Provider</c> is the
/// configuration key <c>EcgBridge:Audit:Provider</c>.
/// </summary>
internal static class OptionsCatalog
{
    public static IReadOnlyList<Type> OptionsTypes { get; } =
    [
        typeof(AuditOptions), typeof(BusOptions), typeof(MllpOptions), typeof(EhrOptions), typeof(InferenceOptions), typeof(EcgBridgeHostOptions),
        typeof(EcgBridgeAuthOptions), typeof(MllpTlsOptions),
    ];

    private static readonly Dictionary<string, Type> BySection = OptionsTypes.ToDictionary(
        t => (string)t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!,
        StringComparer.Ordinal);

    /// <summary>The bound property an environment key names, or null when no options class has it.</summary>
    public static PropertyInfo? Find(string environmentKey)
    {
        string key = environmentKey.Replace("__", ":", StringComparison.Ordinal);
        int last = key.LastIndexOf(':');
        if (last <= 0 || !BySection.TryGetValue(key[..last], out Type? type))
        {
            return null;
        }

        PropertyInfo? property = type.GetProperty(key[(last + 1)..], BindingFlags.Public | BindingFlags.Instance);
        return property is { CanWrite: true } ? property : null;
    }

    /// <summary>Null when <paramref name="value"/> binds to the property and passes its [Range]; otherwise why not.</summary>
    public static string? CheckValue(PropertyInfo property, string value)
    {
        Type type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (type == typeof(string) || value.Length == 0)
        {
            return null;
        }

        object? converted;
        try
        {
            converted = type.IsEnum
                ? Enum.Parse(type, value, ignoreCase: true)
                : TypeDescriptor.GetConverter(type).ConvertFromInvariantString(value);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or NotSupportedException)
        {
            return $"'{value}' is not a {type.Name}";
        }

        RangeAttribute? range = property.GetCustomAttribute<RangeAttribute>();
        return range is null || range.IsValid(converted)
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"'{value}' is outside [{range.Minimum}, {range.Maximum}]");
    }
}
