using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.UserSecrets;

namespace EvalHarness.OpenAI;

/// <summary>Reads an API key from .NET user secrets (<c>dotnet user-secrets set OPENAI_API_KEY sk-…</c>) when the environment has none.</summary>
internal static class UserSecretKeys
{
    /// <summary>The user-secrets id of the running program (its project's <c>&lt;UserSecretsId&gt;</c>), or null.</summary>
    public static string? EntryAssemblyId() => Assembly.GetEntryAssembly()?.GetCustomAttribute<UserSecretsIdAttribute>()?.UserSecretsId;

    /// <summary>The secret named <paramref name="name"/> in the store of <paramref name="userSecretsId"/>, or null when there is none.</summary>
    /// <param name="userSecretsId">The store's id, or null for none.</param>
    /// <param name="name">The secret's name: the same name as the key's environment variable.</param>
    /// <param name="secretsPath">Maps an id to its <c>secrets.json</c> (the SDK's <see cref="PathHelper"/> outside tests).</param>
    /// <exception cref="EndpointConfigurationException">The store's file is not valid JSON.</exception>
    public static string? Find(string? userSecretsId, string name, Func<string, string>? secretsPath = null)
    {
        if (string.IsNullOrWhiteSpace(userSecretsId))
        {
            return null;
        }

        var path = (secretsPath ?? PathHelper.GetSecretsPathFromSecretsId)(userSecretsId);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var secrets = new ConfigurationBuilder().AddJsonFile(path, optional: true, reloadOnChange: false).Build();
            return string.IsNullOrWhiteSpace(secrets[name]) ? null : secrets[name]!.Trim();
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or IOException)
        {
            // The path is shown, never the content: the file holds secrets.
            throw new EndpointConfigurationException("The user secrets file " + path + " (id " + userSecretsId + ") could not be read: it is not valid JSON.", ex);
        }
    }
}
