package cn.shanghai.techfinance.notifier.registration;

import cn.shanghai.techfinance.contracts.bank.Uscc;
import cn.shanghai.techfinance.notifier.registration.FirmContacts.FirmContact;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * A firm registers (or replaces) where it receives its claim notices:
 * {@code PUT /api/v1/firms/{uscc}/contact}. Banks' events carry no contact details, so until a
 * firm registers, its notices wait (NO_CONTACT) and are sent when it does.
 */
@RestController
@RequestMapping("/api/v1/firms/{uscc}/contact")
@Tag(name = "firm contacts", description = "Where firms receive claim notices (企业通知邮箱)")
public class FirmContactController {

    private final Registrations registrations;
    private final FirmContacts contacts;

    public FirmContactController(Registrations registrations, FirmContacts contacts) {
        this.registrations = registrations;
        this.contacts = contacts;
    }

    public record ContactRegistration(String email) {
    }

    @PutMapping
    @Operation(summary = "Register or replace the firm's notice address", description = "Notices held for want of "
            + "an address are sent to it at once")
    public FirmContact register(@PathVariable String uscc, @RequestBody ContactRegistration registration) {
        requireUscc(uscc);
        return registrations.registerContact(uscc, validEmail(registration.email()));
    }

    @GetMapping
    @Operation(summary = "The firm's notice address")
    public FirmContact find(@PathVariable String uscc) {
        requireUscc(uscc);
        return contacts.find(uscc)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "firm " + uscc + " has no contact address"));
    }

    private static String validEmail(String email) {
        if (email == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "email is missing");
        }
        try {
            InternetAddress address = new InternetAddress(email, true);
            address.validate();
            if (address.getAddress().length() > 254 || !email.equals(address.getAddress())) {
                throw new AddressException("a bare address is expected");
            }
            return address.getAddress();
        } catch (AddressException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "not an email address: " + email);
        }
    }

    private static void requireUscc(String uscc) {
        if (!Uscc.isValid(uscc)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "not a valid USCC (统一社会信用代码): " + uscc);
        }
    }
}
