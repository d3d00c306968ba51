package cn.shanghai.techfinance.identity;

import cn.shanghai.techfinance.infra.LocalTokens;
import java.util.List;

/** What {@link LocalIdentityProvider#start} hands its application context. */
record IdentitySettings(LocalTokens keys, String consoleSecret, List<String> consoleBaseUrls, DemoUsers users) {
}
