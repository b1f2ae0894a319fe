using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace EcgBridge.Host.Security;

/// <summary>The verification keys from <see cref="EcgBridgeAuthOptions"/>, or the development key when none is configured (loopback only).</summary>
internal static class SigningKeySet
{
    /// <summary>
    /// Configured keys, or (when none) the data dir's development key with <paramref name="developmentKey"/> set; throws
    /// <see cref="SecurityConfigurationException"/> for unusable keys or a non-loopback <paramref name="httpUrl"/> without keys.
    /// </summary>
    public static IReadOnlyList<SecurityKey> Resolve(EcgBridgeAuthOptions options, string dataDirectory, string httpUrl, out byte[]? developmentKey)
    {
        developmentKey = null;
        if (!options.HasConfiguredKeys)
        {
            if (!IsLoopbackOnly(httpUrl))
            {
                Refuse(SecurityCodes.KeysRequiredOffLoopback, "EcgBridge:HttpUrl is not a loopback address; configure EcgBridge:Auth:SigningKeys or EcgBridge:Auth:PublicKeyPemPath");
            }

            developmentKey = DevelopmentKey.LoadOrCreate(dataDirectory);
            return [new SymmetricSecurityKey(developmentKey) { KeyId = "dev" }];
        }

        var keys = new List<SecurityKey>();
        foreach (string text in (options.SigningKeys ?? "").Split([',', ';', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            byte[] key;
            try
            {
                key = Convert.FromBase64String(text);
            }
            catch (FormatException)
            {
                Refuse(SecurityCodes.SigningKeyInvalid, "EcgBridge:Auth:SigningKeys holds a value that is not base64");
                throw;
            }

            if (key.Length < 32)
            {
                Refuse(SecurityCodes.SigningKeyTooShort, "EcgBridge:Auth:SigningKeys holds a key shorter than 32 bytes");
            }

            // Every key gets a kid: IdentityModel dereferences KeyId when a token's kid matches one key but its
            // signature fails, and a key without one turns that refusal into an exception.
            keys.Add(new SymmetricSecurityKey(key) { KeyId = "configured-" + keys.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        if (!string.IsNullOrWhiteSpace(options.PublicKeyPemPath))
        {
            try
            {
                var rsa = RSA.Create();
                rsa.ImportFromPem(File.ReadAllText(options.PublicKeyPemPath));
                keys.Add(new RsaSecurityKey(rsa) { KeyId = "pem" });
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or CryptographicException)
            {
                Refuse(SecurityCodes.PublicKeyUnreadable, "EcgBridge:Auth:PublicKeyPemPath cannot be read as an RSA public key (" + e.GetType().Name + ")");
            }
        }

        return keys;
    }

    /// <summary>True when every URL of <paramref name="httpUrl"/> (semicolon-separated) binds a loopback host.</summary>
    public static bool IsLoopbackOnly(string httpUrl)
    {
        foreach (string url in httpUrl.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri))
            {
                return false;
            }

            bool loopback = string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase)
                || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out IPAddress? address) && IPAddress.IsLoopback(address));
            if (!loopback)
            {
                return false;
            }
        }

        return true;
    }

    [DoesNotReturn]
    private static void Refuse(string code, string message) => throw new SecurityConfigurationException(code, message);
}
