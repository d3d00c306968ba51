package cn.shanghai.techfinance.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/** The local issuer's users, in the order they were added (the login page lists them so). Users may be added while it runs. */
final class DemoUsers implements UserDetailsService {

    private final Map<String, DemoUser> byName = new ConcurrentHashMap<>();
    private final List<DemoUser> inOrder = new ArrayList<>();

    DemoUsers(List<DemoUser> users) {
        users.forEach(this::add);
    }

    synchronized void add(DemoUser user) {
        if (byName.putIfAbsent(user.username(), user) == null) {
            inOrder.add(user);
        }
    }

    synchronized List<DemoUser> all() {
        return List.copyOf(inOrder);
    }

    Optional<DemoUser> find(String username) {
        return Optional.ofNullable(byName.get(username));
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        DemoUser user = find(username).orElseThrow(() -> new UsernameNotFoundException("no demo user " + username));
        // {noop}: the demo passwords are printed on the login page anyway; a real issuer hashes them
        return User.withUsername(user.username()).password("{noop}" + user.password())
                .roles(user.roles().toArray(String[]::new)).build();
    }
}
